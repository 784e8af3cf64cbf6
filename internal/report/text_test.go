package report

import (
	"strings"
	"testing"
)

func TestTextGolden(t *testing.T) {
	checkGolden(t, "report.txt", render(t, Text{}, goldenReport(), Options{}))
	checkGolden(t, "report-color.txt", render(t, Text{}, goldenReport(), Options{Color: true}))
}

func TestTextLayout(t *testing.T) {
	plain := string(render(t, Text{}, goldenReport(), Options{}))
	colored := string(render(t, Text{}, goldenReport(), Options{Color: true}))
	if strings.Contains(plain, "\x1b[") {
		t.Error("plain text contains ANSI escapes")
	}
	if !strings.Contains(colored, ansiRed+"FAIL") {
		t.Error("coloured text does not colour failures")
	}
	lines := strings.Split(strings.TrimRight(plain, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "5 failed, 1 unknown, 4 passed, 2 not applicable, 1 waived, 1 errors" {
		t.Errorf("last line %q is not the summary", last)
	}
	tests := []struct {
		name         string
		first, later string // first must appear before later
	}{
		{"areas in catalog order", "\nAddressing", "\nAWS network"},
		{"on-prem before cross-site", "\nOn-prem", "\nCross-site"},
		{"failure before pass in an area", "FAIL   HN-SG-01", "pass   HN-SG-01"},
		{"error before n/a", "ERROR  HN-IPS-03", "n/a    HN-FW-05"},
		{"unknown after failure", "FAIL   HN-VPC-03", "UNKNOWN HN-VPC-02"},
		{"unknown names what is missing", "UNKNOWN HN-VPC-02", "missing: ec2:DescribeVpcAttribute enableDnsSupport"},
		{"unknown before waived", "UNKNOWN HN-VPC-02", "waived HN-VPC-10"},
		{"evidence under its failure", "FAIL   HN-FW-01", "at exports/edge-fw/config.xml:212"},
		{"fix after evidence", "flow: tcp 10.0.0.0/16 -> 10.200.0.0/16:10250", "fix: Pass TCP 10250"},
		{"user check last", "\nEvidence and collection", "\nOther"},
	}
	for _, tt := range tests {
		i, j := strings.Index(plain, tt.first), strings.Index(plain, tt.later)
		if i < 0 || j < 0 || i > j {
			t.Errorf("%s: %q (at %d) should come before %q (at %d)", tt.name, tt.first, i, tt.later, j)
		}
	}
	if strings.Contains(plain, "location: {") {
		t.Error("location is printed twice: as 'at' and as raw evidence")
	}
	if !strings.Contains(plain, "waived: reserved for the DR site's NAT gateway (approved by netsec@example.com, expires 2027-03-31)") {
		t.Error("waiver justification and expiry missing")
	}
}

func TestTextStripsControlCharacters(t *testing.T) {
	rep := goldenReport()
	rep.Results[1].Message = "rule \x1b[2Jcleared\nsecond line"
	out := string(render(t, Text{}, rep, Options{}))
	if strings.Contains(out, "\x1b") || strings.Contains(out, "cleared\nsecond") {
		t.Errorf("control characters from the snapshot reached the terminal:\n%s", out)
	}
	if !strings.Contains(out, "rule ?[2Jcleared?second line") {
		t.Error("message with control characters is missing")
	}
}
