package report

import (
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

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
		{"scope at the top", "  Checked at: 2026-11-21T08:00:00Z", "\nFailures (6)"},
		{"policy version in the scope", "  Checked by: hybridcheck 0.0.0-test, policies 0.0.0-test+sha256:0123456789ab", "\nFailures (6)"},
		{"VPC with its CIDRs", "  VPC:        vpc-0518d3603257bf85d (10.0.0.0/16)", "\nFailures (6)"},
		{"devices with their files", "  Devices:    edge-fw (pfsense, exports/edge-fw/config.xml)", "\nFailures (6)"},
		{"errors first among failures", "ERROR HN-IPS-03 medium", "FAIL HN-FW-01 critical"},
		{"critical before high", "FAIL HN-VPN-02 critical", "FAIL HN-VPC-03 high"},
		{"failures before unknown", "FAIL HN-VPC-03", "\nUnknown: the snapshot cannot decide (1)"},
		{"unknown names what is missing", "UNKNOWN HN-VPC-02", "missing: ec2:DescribeVpcAttribute enableDnsSupport"},
		{"unknown before waived", "UNKNOWN HN-VPC-02", "\nWaived (1)"},
		{"evidence under its failure", "FAIL HN-FW-01", "  at exports/edge-fw/config.xml:212"},
		{"fix after evidence", "  flow: tcp 10.0.0.0/16 -> 10.200.0.0/16:10250", "  fix: Pass TCP 10250"},
		{"passes summarised after the findings", "\nWaived (1)", "\nPassed and not applicable, by area"},
		{"areas in catalog order", "  Addressing ", "  AWS network "},
		{"user check last", "  Evidence and collection ", "  Other "},
	}
	for _, tt := range tests {
		i, j := strings.Index(plain, tt.first), strings.Index(plain, tt.later)
		if i < 0 || j < 0 || i > j {
			t.Errorf("%s: %q (at %d) should come before %q (at %d)", tt.name, tt.first, i, tt.later, j)
		}
	}
	for _, unwanted := range []string{"pass   HN-", "pass HN-", "location: {", "\\u003c", "vpc-0518d3603257bf85d: vpc-0518d3603257bf85d"} {
		if strings.Contains(plain, unwanted) {
			t.Errorf("text report contains %q", unwanted)
		}
	}
	if !strings.Contains(plain, "  Addressing               1 passed, 0 not applicable (1 checks)") {
		t.Error("passes are not summarised per area")
	}
	if !strings.Contains(plain, "  rules: (cidr_ipv4 10.200.0.0/16, from_port 22, protocol tcp, to_port 22)") {
		t.Error("evidence objects are not rendered as plain key value pairs")
	}
	if !strings.Contains(plain, "  waived: reserved for the DR site's NAT gateway (approved by netsec@example.com, expires 2027-03-31)") {
		t.Error("waiver justification and expiry missing")
	}
}

// TestTextQuiet: check --quiet prints the failing results and the summary line, nothing else.
func TestTextQuiet(t *testing.T) {
	quiet := string(render(t, Text{}, goldenReport(), Options{Quiet: true}))
	for _, want := range []string{"Failures (6)", "ERROR HN-IPS-03", "FAIL HN-SNAP-01", "fix: Pass TCP 10250", "5 failed, 1 unknown, 4 passed, 2 not applicable, 1 waived, 1 errors\n"} {
		if !strings.Contains(quiet, want) {
			t.Errorf("quiet report lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Checked at", "UNKNOWN", "Waived", "Passed and not applicable", "note:"} {
		if strings.Contains(quiet, unwanted) {
			t.Errorf("quiet report contains %q", unwanted)
		}
	}
	rep := goldenReport()
	var kept []result.Result
	for _, x := range rep.Results {
		if !x.IsFailing() {
			kept = append(kept, x)
		}
	}
	rep.Results, rep.Summary = kept, result.Summarize(kept)
	if got := string(render(t, Text{}, rep, Options{Quiet: true})); got != "\n0 failed, 1 unknown, 4 passed, 2 not applicable, 1 waived, 0 errors\n" {
		t.Errorf("quiet report without failures is %q, want only the summary line", got)
	}
}

func TestCIDRListSummaries(t *testing.T) {
	// The public internet as 0.0.0.0/0 minus 10.0.0.0/8, split in prefixes as an importer
	// expands an alias "! 10.0.0.0/8".
	internet := []string{"0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1",
		"64.0.0.0/3"} // the last overlaps the one before it: overlapping entries count once
	tests := []struct {
		name string
		list []string
		want string
	}{
		{"short list as is", []string{"10.0.0.0/16", "192.168.0.0/16"}, "10.0.0.0/16, 192.168.0.0/16"},
		{"the internet except one network", internet, "0.0.0.0/0 except 10.0.0.0/8 (9 prefixes)"},
		{"long list without a short complement", []string{"10.0.0.0/24", "10.0.2.0/24", "10.0.4.0/24", "10.0.6.0/24", "10.0.8.0/24", "10.0.10.0/24", "10.0.12.0/24", "10.0.14.0/24", "10.0.16.0/24"}, "10.0.0.0/24, 10.0.2.0/24, 10.0.4.0/24 and 6 more (9 in all)"},
		{"most of the internet, in many pieces", []string{"0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/9", "193.0.0.0/8", "194.0.0.0/7"}, "0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8 and 8 more (11 in all, 76.0% of the IPv4 space)"},
		{"long list with IPv6", []string{"::/1", "8000::/1", "10.0.0.0/8", "1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8", "5.0.0.0/8", "6.0.0.0/8"}, "::/1, 8000::/1, 10.0.0.0/8 and 6 more (9 in all)"},
	}
	for _, tt := range tests {
		if got := cidrList(tt.list); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
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

// A long list of objects shows its first entries and how many more the json report holds.
func TestPlainValueShortensLongObjectLists(t *testing.T) {
	var rules []any
	for i := range 12 {
		rules = append(rules, map[string]any{"index": i})
	}
	if got, want := plainValue(rules), "(index 0), (index 1), (index 2) and 9 more (12 in all; every one in the json report)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := plainValue([]any{"HN-VPC-01", "HN-VPC-02", "HN-VPC-03", "HN-VPC-04", "HN-VPC-05", "HN-VPC-06", "HN-VPC-07", "HN-VPC-08", "HN-VPC-09"}); !strings.HasSuffix(got, "HN-VPC-09") {
		t.Errorf("a list of names is shown whole, got %q", got)
	}
}
