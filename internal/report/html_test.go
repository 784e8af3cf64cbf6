package report

import (
	"regexp"
	"strings"
	"testing"
)

func TestHTMLGolden(t *testing.T) {
	checkGolden(t, "report.html", render(t, HTML{}, goldenReport(), Options{}))
}

func TestHTMLContent(t *testing.T) {
	page := string(render(t, HTML{}, goldenReport(), Options{}))
	tests := []struct {
		name, want string
	}{
		{"escaped message", `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; | *bold*`},
		{"matrix row of a check without results", `<td><code>HN-DX-01</code></td><td>Direct Connect connection available</td><td>Inter-site</td><td class="sev">critical</td><td class="status status-not_run">not run</td>`},
		{"matrix row of a failing check", `<td class="status status-fail">FAIL</td>`},
		{"device location", `<dt>Location</dt><dd><code>exports/edge-fw/config.xml:212</code></dd>`},
		{"remediation", `<dt>Remediation</dt><dd>Pass TCP 10250 from the VPC CIDRs to the node CIDRs before any block rule.</dd>`},
		{"waiver with expiry", `<td>reserved for the DR site&#39;s NAT gateway</td><td>netsec@example.com</td><td>2027-03-31</td>`},
		{"provenance source error", `<td>UnauthorizedOperation: not authorized to perform ec2:DescribeVpnConnections</td>`},
		{"severity counts", `<tr><td class="sev">critical</td><td class="n">3</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">3</td><td class="n">0</td></tr>`},
		{"unknown card", `<div class="card status-unknown"><b>1</b>unknown</div>`},
		{"unknown finding", `<article class="finding unknown"`},
		{"print styles", "@media print"},
		{"note", "<li>waiver HN-TGW-01 tgw-0c1d2e3f expired on 2026-10-01 and no longer applies</li>"},
	}
	for _, tt := range tests {
		if !strings.Contains(page, tt.want) {
			t.Errorf("%s: page lacks %q", tt.name, tt.want)
		}
	}
	for _, id := range []string{"HN-VPC-03", "HN-SG-01", "HN-VPN-02", "HN-FW-01", "HN-SNAP-01", "HN-IPS-03"} {
		if !strings.Contains(page, `<code class="check-id">`+id+`</code>`) {
			t.Errorf("failure %s is not in the failures section", id)
		}
	}
}

// TestHTMLSelfContained: the page must work offline and run nothing.
func TestHTMLSelfContained(t *testing.T) {
	page := string(render(t, HTML{}, goldenReport(), Options{}))
	forbidden := regexp.MustCompile(`(?i)<script|<link|<img|<iframe|@import|url\(|src=`)
	if m := forbidden.FindString(page); m != "" {
		t.Errorf("page fetches or runs something: %q", m)
	}
	// The only links are the references of the checks, which are not fetched.
	for _, href := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(href[1], "https://docs.aws.amazon.com/") {
			t.Errorf("unexpected link %q", href[1])
		}
	}
}
