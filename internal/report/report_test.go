package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestMain(m *testing.M) {
	// Golden files name the checker's version; pin it so a release bump does not churn them.
	version.Version = "0.0.0-test"
	os.Exit(m.Run())
}

// goldenReport is a hand-made report covering every status, several areas, a device
// location in evidence, a waiver, a check without results, a user check outside the catalog,
// and text that every format must escape.
func goldenReport() *result.Report {
	checks := []result.Check{
		{ID: "HN-CIDR-02", Title: "Node, pod, VPC and service CIDRs do not overlap", Severity: "critical", Area: "addressing", Description: "Node CIDRs, pod CIDRs, VPC CIDRs and the cluster service CIDR overlap nowhere.", Remediation: "Renumber the overlapping network.", References: []string{"https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html"}, Package: "hybridcheck.addressing.cidr_overlap", Source: "builtin"},
		{ID: "HN-VPC-03", Title: "VPC DNS hostnames enabled", Severity: "high", Area: "aws-network", Description: "The VPC attribute enableDnsHostnames is true.", Remediation: "aws ec2 modify-vpc-attribute --vpc-id VPC --enable-dns-hostnames", Package: "hybridcheck.aws.vpc.dns_hostnames", Source: "builtin"},
		{ID: "HN-VPC-02", Title: "VPC DNS support enabled", Severity: "high", Area: "aws-network", Description: "The VPC attribute enableDnsSupport is true.", Package: "hybridcheck.aws.vpc.dns_support", Source: "builtin"},
		{ID: "HN-VPC-10", Title: "No unassociated Elastic IP", Severity: "low", Area: "aws-network", Description: "No Elastic IP in the region is left unassociated.", Package: "hybridcheck.aws.vpc.eip", Source: "builtin"},
		{ID: "HN-SG-01", Title: "Hybrid security groups allow 443 from node CIDRs", Severity: "critical", Area: "aws-network", Description: "Hybrid SGs allow inbound TCP 443 from every node CIDR.", Remediation: "Add an inbound rule for TCP 443 from each remote node CIDR.", Package: "hybridcheck.aws.sg.api_from_nodes", Source: "builtin"},
		{ID: "HN-RT-01", Title: "Cluster subnets route node and pod CIDRs to the gateway", Severity: "critical", Area: "routing", Package: "hybridcheck.aws.routing.remote_routes", Source: "builtin"},
		{ID: "HN-VPN-02", Title: "Both VPN tunnels are up", Severity: "critical", Area: "inter-site", AppliesWhen: "connectivity is vpn", Remediation: "Bring up the second tunnel on the device.", Package: "hybridcheck.intersite.vpn.tunnels_up", Source: "builtin"},
		{ID: "HN-DX-01", Title: "Direct Connect connection available", Severity: "critical", Area: "inter-site", AppliesWhen: "connectivity is direct-connect", Package: "hybridcheck.intersite.dx.connection", Source: "builtin"},
		{ID: "HN-FW-01", Title: "Kubelet from VPC to nodes allowed", Severity: "critical", Area: "on-prem", Description: "TCP 10250 from VPC CIDRs to node CIDRs is allowed.", Remediation: "Pass TCP 10250 from the VPC CIDRs to the node CIDRs before any block rule.", Package: "hybridcheck.onprem.firewall.kubelet", Source: "builtin"},
		{ID: "HN-FW-05", Title: "SSH and ICMP to nodes only from trusted sources", Severity: "info", Area: "on-prem", Package: "hybridcheck.onprem.firewall.ssh", Source: "builtin"},
		{ID: "HN-IPS-03", Title: "IPsec proposals acceptable to AWS", Severity: "medium", Area: "on-prem", Package: "hybridcheck.onprem.ipsec.proposals", Source: "builtin"},
		{ID: "HN-X-03", Title: "Pre-shared keys match", Severity: "medium", Area: "cross-site", Package: "hybridcheck.cross.psk", Source: "builtin"},
		{ID: "HN-SNAP-01", Title: "Collection complete", Severity: "high", Area: "evidence", Package: "hybridcheck.evidence.complete", Source: "builtin"},
	}
	meta := map[string]result.Check{}
	for _, c := range checks {
		meta[c.ID] = c
	}
	res := func(id string, status result.Status, resource, message string, evidence map[string]any) result.Result {
		c := meta[id]
		return result.Result{ID: id, Title: c.Title, Severity: c.Severity, Status: status, Resource: resource, Message: message, Evidence: evidence, Remediation: c.Remediation, References: c.References, Area: c.Area, Source: "builtin"}
	}
	results := []result.Result{
		res("HN-CIDR-02", result.Pass, "cidrs", "no overlap among 4 CIDRs", nil),
		res("HN-VPC-03", result.Fail, "vpc-0518d3603257bf85d", "enableDnsHostnames is false", map[string]any{"enable_dns_hostnames": false, "source": "ec2:DescribeVpcAttribute"}),
		res("HN-VPC-10", result.Waived, "eipalloc-0a1b2c3d", "Elastic IP 3.232.157.211 is not associated", nil),
		res("HN-SG-01", result.Fail, "sg-0a1b2c3d4e5f", `no inbound 443 from 10.200.0.0/16 <script>alert("x")</script> & | *bold* `+"`tick`", map[string]any{"missing_cidrs": []any{"10.200.0.0/16"}, "rules": []any{map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.200.0.0/16"}}}),
		res("HN-SG-01", result.Pass, "sg-0f9e8d7c6b5a", "allows 443 from every node CIDR", nil),
		res("HN-RT-01", result.Pass, "rtb-0b1c2d3e", "10.200.0.0/16 and 192.168.0.0/16 route to vgw-0a9b8c7d", nil),
		res("HN-VPN-02", result.Fail, "vpn-0e1f2a3b", "tunnel 34.226.12.77 is DOWN", map[string]any{"tunnels": []any{map[string]any{"outside_ip_address": "3.214.22.9", "status": "UP"}, map[string]any{"outside_ip_address": "34.226.12.77", "status": "DOWN", "status_message": "IPSEC IS DOWN"}}}),
		res("HN-FW-01", result.Fail, "device:edge-fw", "TCP 10250 from 10.0.0.0/16 to 10.200.0.0/16 is blocked by rule 3", map[string]any{"location": map[string]any{"file": "exports/edge-fw/config.xml", "line": json.Number("212")}, "rule": "block in on WAN from any to any", "flow": "tcp 10.0.0.0/16 -> 10.200.0.0/16:10250"}),
		res("HN-FW-05", result.NotApplicable, "device:edge-fw", "no SSH or ICMP rule to the node CIDRs", nil),
		res("HN-IPS-03", result.Error, "device:edge-fw", "evaluation error: phase 1 proposal has no encryption algorithm", nil),
		res("HN-X-03", result.NotApplicable, "vpn-0e1f2a3b", "no pre-shared key fingerprint on the device side", nil),
		res("HN-SNAP-01", result.Fail, "ec2:DescribeVpnConnections", "source ec2:DescribeVpnConnections failed", map[string]any{"status": "error", "error": "UnauthorizedOperation: not authorized to perform ec2:DescribeVpnConnections"}),
		{ID: "ACME-NET-01", Title: "Edge firewall has a hostname", Severity: "low", Status: result.Pass, Resource: "device:edge-fw", Message: "hostname is edge-fw", Source: "policies/acme/hostname.rego"},
		res("HN-VPC-02", result.Unknown, "vpc-0518d3603257bf85d", "enableDnsSupport was not collected (ec2:DescribeVpcAttribute is missing)", map[string]any{"missing": "ec2:DescribeVpcAttribute enableDnsSupport"}),
	}
	results[2].Waiver = &result.WaiverInfo{Justification: "reserved for the DR site's NAT gateway", ApprovedBy: "netsec@example.com", Expires: "2027-03-31"}
	rep := &result.Report{
		Scope: result.Scope{
			CheckedAt: "2026-11-21T08:00:00Z", ToolVersion: "0.0.0-test", PolicyVersion: "0.0.0-test+sha256:0123456789ab",
			AccountID: "111122223333", Region: "us-east-1", Cluster: "eks-hybrid", VPCID: "vpc-0518d3603257bf85d",
			VPCCIDRs: []string{"10.0.0.0/16"}, NodeCIDRs: []string{"10.200.0.0/16"}, PodCIDRs: []string{"192.168.0.0/16"},
			Devices: []result.ScopeDevice{{Name: "edge-fw", Format: "pfsense", File: "exports/edge-fw/config.xml"}},
		},
		Snapshot: result.SnapshotInfo{
			Path: "snapshots/2026-11-20T093000Z.json", SchemaVersion: "1.0", ToolVersion: "0.1.0", CollectedAt: "2026-11-20T09:30:00Z",
			AWSAccountID: "111122223333", AWSRegion: "us-east-1",
			Sources: []result.Source{
				{ID: "ec2:DescribeVpcs", Kind: "aws-api", Location: "us-east-1", Status: "ok", Items: 1},
				{ID: "ec2:DescribeVpnConnections", Kind: "aws-api", Location: "us-east-1", Status: "error", Error: "UnauthorizedOperation: not authorized to perform ec2:DescribeVpnConnections"},
				{ID: "device:pfsense", Kind: "device", Location: "exports/edge-fw/config.xml", Status: "ok", Items: 42},
			},
		},
		Results: results,
		Checks:  checks,
		Notes:   []string{"waiver HN-TGW-01 tgw-0c1d2e3f expired on 2026-10-01 and no longer applies"},
	}
	rep.Summary = result.Summarize(results)
	return rep
}

// brokenReferenceReport is the broken reference's report as its JSON golden file holds it: a
// real report with every path result, without running the engine.
func brokenReferenceReport(t *testing.T) *result.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "reference-broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep result.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

// excerpt is a piece of text a rendered report must contain, named for what it shows.
type excerpt struct{ name, want string }

// wantExcerpts fails t for each excerpt the rendered out lacks.
func wantExcerpts(t *testing.T, out string, excerpts []excerpt) {
	t.Helper()
	for _, e := range excerpts {
		if !strings.Contains(out, e.want) {
			t.Errorf("%s: output lacks %q", e.name, e.want)
		}
	}
}

// mapping is one input of a string function and the output it must give.
type mapping struct{ in, want string }

// checkMappings fails t for each mapping f does not give; name is f's name in messages.
func checkMappings(t *testing.T, name string, f func(string) string, mappings []mapping) {
	t.Helper()
	for _, m := range mappings {
		if got := f(m.in); got != m.want {
			t.Errorf("%s(%q) = %q, want %q", name, m.in, got, m.want)
		}
	}
}

// render runs a renderer, failing the test on error.
func render(t *testing.T, r Renderer, rep *result.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, rep, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// TestGoldenFiles renders the hand-made report with every status in each format the golden
// files pin (text also coloured); the reference snapshots' files are TestReferenceGolden's.
func TestGoldenFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		r    Renderer
		opts Options
	}{
		{"report.txt", Text{}, Options{}},
		{"report-color.txt", Text{}, Options{Color: true}},
		{"report.json", JSON{}, Options{}},
		{"report.sarif", SARIF{}, Options{}},
		{"report.junit.xml", JUnit{}, Options{}},
		{"report.md", Markdown{}, Options{}},
		{"report.html", HTML{}, Options{}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			checkGolden(t, tc.file, render(t, tc.r, goldenReport(), tc.opts))
		})
	}
}

// checkGolden compares got with testdata/name, or rewrites the file with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got, *update, "go test ./internal/report -update")
}

// reversed returns the report with its results in reverse order: output must not depend on
// the order the engine produced them in.
func reversed(rep *result.Report) *result.Report {
	out := *rep
	out.Results = make([]result.Result, len(rep.Results))
	for i, x := range rep.Results {
		out.Results[len(rep.Results)-1-i] = x
	}
	out.Checks = make([]result.Check, len(rep.Checks))
	for i, c := range rep.Checks {
		out.Checks[len(rep.Checks)-1-i] = c
	}
	return &out
}

// TestDeterministic renders every format twice, once from reversed input, and expects the same
// bytes.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats {
		if format == "json" {
			// JSON keeps the engine's order by design (DESIGN.md shape, results already sorted).
			continue
		}
		t.Run(format, func(t *testing.T) {
			r, err := Get(format)
			if err != nil {
				t.Fatal(err)
			}
			a := render(t, r, goldenReport(), Options{})
			b := render(t, r, reversed(goldenReport()), Options{})
			if !bytes.Equal(a, b) {
				t.Errorf("%s output depends on input order", format)
			}
		})
	}
}

func TestGet(t *testing.T) {
	tests := []struct {
		format  string
		wantErr string
	}{
		{"text", ""}, {"json", ""}, {"sarif", ""}, {"junit", ""}, {"markdown", ""}, {"html", ""},
		{"asff", ""}, {"ocsf", ""},
		{"xml", `unknown format "xml" (one of text, json, sarif, junit, markdown, html, asff, ocsf)`},
		{"", `unknown format ""`},
	}
	for _, tt := range tests {
		r, err := Get(tt.format)
		if tt.wantErr == "" {
			if err != nil || r == nil {
				t.Errorf("Get(%q) = %v, %v", tt.format, r, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Get(%q) error = %v, want %q", tt.format, err, tt.wantErr)
		}
	}
}

func TestEvidenceLocations(t *testing.T) {
	tests := []struct {
		name string
		ev   map[string]any
		want []sourceLocation
	}{
		{"none", map[string]any{"rule": "x"}, nil},
		{"json number line", map[string]any{"location": map[string]any{"file": "a.xml", "line": json.Number("12")}}, []sourceLocation{{"a.xml", 12, ""}}},
		{"float line", map[string]any{"location": map[string]any{"file": "a.xml", "line": 7.0}}, []sourceLocation{{"a.xml", 7, ""}}},
		{"no line", map[string]any{"location": map[string]any{"file": "rules.json", "path": "nftables[3]"}}, []sourceLocation{{"rules.json", 0, "nftables[3]"}}},
		{"no file", map[string]any{"location": map[string]any{"line": 3}}, nil},
		{"list", map[string]any{"locations": []any{map[string]any{"file": "a", "line": 1}, "junk", map[string]any{"file": "b", "line": 2}}}, []sourceLocation{{"a", 1, ""}, {"b", 2, ""}}},
		{"nested in a list, sorted by key, deduplicated", map[string]any{
			"phase2": []any{
				map[string]any{"id": "p2-1", "location": map[string]any{"file": "config.xml", "line": 90.0}},
				map[string]any{"id": "p2-2", "location": map[string]any{"file": "config.xml", "line": 90.0}},
			},
			"location": map[string]any{"file": "config.xml", "line": 12.0},
			"null":     nil,
		}, []sourceLocation{{"config.xml", 12, ""}, {"config.xml", 90, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evidenceLocations(tt.ev)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestCheckRowsMatrix(t *testing.T) {
	rows := checkRows(goldenReport())
	got := map[string]result.Status{}
	var order []string
	for _, r := range rows {
		got[r.Check.ID] = r.Status
		order = append(order, r.Check.ID)
	}
	want := map[string]result.Status{
		"HN-SG-01": result.Fail, "HN-DX-01": notRun, "HN-VPC-10": result.Waived, "HN-IPS-03": result.Error,
		"HN-FW-05": result.NotApplicable, "HN-CIDR-02": result.Pass, "ACME-NET-01": result.Pass,
		"HN-VPC-02": result.Unknown,
	}
	for id, status := range want {
		if got[id] != status {
			t.Errorf("%s: status %q, want %q", id, got[id], status)
		}
	}
	if len(rows) != 14 {
		t.Errorf("got %d rows, want the 13 catalog checks plus the user check", len(rows))
	}
	if order[0] != "HN-CIDR-02" || order[len(order)-1] != "ACME-NET-01" {
		t.Errorf("rows not in area order: %v", order)
	}
}

func TestEvidenceLocationsCapped(t *testing.T) {
	var rules []any
	for i := 1; i <= 15; i++ {
		rules = append(rules, map[string]any{"location": map[string]any{"file": "rules.nft", "line": float64(i)}})
	}
	got := evidenceLocations(map[string]any{"rules": rules})
	if len(got) != maxLocations || got[0].Line != 1 || got[maxLocations-1].Line != maxLocations {
		t.Errorf("got %v, want the first %d", got, maxLocations)
	}
}
