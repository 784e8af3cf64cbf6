package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// goldenDiff is a pull request that takes a tunnel down, removes the NAT exemption and fixes
// a security group, with text that the formats must escape.
func goldenDiff() *Diff {
	oldRep := checked("snapshots/2026-11-20T093000Z.json",
		res("HN-VPN-02", "critical", result.Pass, "vpn-1", "both tunnels UP"),
		res("HN-ONP-03", "critical", result.Pass, "device:edge-fw", "VPN traffic is exempt from NAT"),
		res("HN-SG-01", "critical", result.Fail, "sg-1", "no inbound 443 from 192.168.0.0/16"),
		res("HN-VPC-10", "low", result.Fail, "eipalloc-1", "Elastic IP is not associated"),
		res("HN-FW-05", "info", result.Fail, "device:edge-fw", "SSH to nodes from <any> | *anywhere*"),
	)
	newRep := checked("snapshots/2026-11-27T093000Z.json",
		res("HN-VPN-02", "critical", result.Fail, "vpn-1", "tunnel 34.226.12.77 is DOWN"),
		res("HN-ONP-03", "critical", result.Fail, "device:edge-fw", "outbound NAT translates 10.200.0.0/16 to 10.0.0.0/16"),
		res("HN-SG-01", "critical", result.Pass, "sg-1", "allows 443 from every node and pod CIDR"),
		res("HN-VPC-10", "low", result.Fail, "eipalloc-1", "Elastic IP 3.232.157.211 is not associated"),
		res("HN-FW-05", "info", result.Fail, "device:edge-fw", "SSH to nodes from <any> | *anywhere*"),
	)
	newRep.Snapshot.CollectedAt = "2026-11-27T09:30:00Z"
	oldSnap, newSnap := baseSnapshot(), baseSnapshot()
	newSnap.CollectedAt = "2026-11-27T09:30:00Z"
	newSnap.AWS.VPNConnections[0].Tunnels[1].Status = "DOWN"
	newSnap.Devices[0].NAT.Rules = newSnap.Devices[0].NAT.Rules[1:]
	oldSnap.AWS.SecurityGroups[0].Ingress = oldSnap.AWS.SecurityGroups[0].Ingress[:1]
	return Compare(oldRep, newRep, oldSnap, newSnap)
}

func TestRenderGolden(t *testing.T) {
	for _, tt := range []struct{ format, file string }{{"text", "diff.txt"}, {"json", "diff.json"}, {"markdown", "diff.md"}} {
		t.Run(tt.format, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Render(&a, goldenDiff(), tt.format); err != nil {
				t.Fatal(err)
			}
			if err := Render(&b, goldenDiff(), tt.format); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two renderings differ")
			}
			checkGolden(t, tt.file, a.Bytes())
		})
	}
}

func TestRenderJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, goldenDiff(), "json"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Summary     map[string]int   `json:"summary"`
		NewFailures []map[string]any `json:"new_failures"`
		Resolved    []map[string]any `json:"resolved"`
		Unchanged   []map[string]any `json:"unchanged"`
		Changes     []map[string]any `json:"changes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary["new_failures"] != 2 || len(got.NewFailures) != 2 || len(got.Resolved) != 1 || len(got.Unchanged) != 2 || len(got.Changes) != 3 {
		t.Errorf("summary %v, %d new, %d resolved, %d unchanged, %d changes", got.Summary, len(got.NewFailures), len(got.Resolved), len(got.Unchanged), len(got.Changes))
	}
	var empty bytes.Buffer
	if err := Render(&empty, Compare(checked("a"), checked("b"), nil, nil), "json"); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"new_failures": []`, `"resolved": []`, `"unchanged": []`, `"changes": []`} {
		if !strings.Contains(empty.String(), key) {
			t.Errorf("empty diff lacks %s:\n%s", key, empty.String())
		}
	}
}

func TestRenderMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, goldenDiff(), "markdown"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if strings.Contains(md, "<any>") || !strings.Contains(md, `&lt;any&gt; \| \*anywhere\*`) {
		t.Errorf("message not escaped:\n%s", md)
	}
	if i, j := strings.Index(md, "### New failures"), strings.Index(md, "### Resolved"); i < 0 || j < i {
		t.Error("new failures do not come first")
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	err := Render(&bytes.Buffer{}, goldenDiff(), "sarif")
	if err == nil || !strings.Contains(err.Error(), `unknown format "sarif" (one of text, json, markdown)`) {
		t.Errorf("error %v", err)
	}
}

func TestDifferingParts(t *testing.T) {
	tests := []struct{ old, new, wantOld, wantNew string }{
		{"status UP, inside 169.254.11.0/30", "status DOWN, inside 169.254.11.0/30", "status UP", "status DOWN"},
		{"a, b, c", "a, x, y", "b, c", "x, y"},
		{"vgw vgw-1 (active)", "tgw tgw-9 (active)", "vgw vgw-1 (active)", "tgw tgw-9 (active)"},
		{"a, b", "a, b, c", "a, b", "a, b, c"},
	}
	for _, tt := range tests {
		o, n := differingParts(tt.old, tt.new)
		if o != tt.wantOld || n != tt.wantNew {
			t.Errorf("differingParts(%q, %q) = %q, %q", tt.old, tt.new, o, n)
		}
	}
}

func TestRenderMarkdownCapsRows(t *testing.T) {
	oldRep, newRep := checked("a"), checked("b")
	for i := 0; i < 500; i++ {
		newRep.Results = append(newRep.Results, res("HN-SG-05", "high", result.Fail, fmt.Sprintf("sg-%05d", i), "SSH open to the internet"))
	}
	var buf bytes.Buffer
	if err := Render(&buf, Compare(oldRep, newRep, nil, nil), "markdown"); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if len(md) > 65536 || !strings.Contains(md, "| … | 400 more, see --format json") {
		t.Errorf("markdown of %d characters without the cut announced", len(md))
	}
	if !strings.Contains(md, "## hybridcheck diff: 500 new failures") {
		t.Error("the title does not count every new failure")
	}
}
