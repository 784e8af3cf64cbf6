package report

import (
	"regexp"
	"strings"
	"testing"
)

func TestHTMLContent(t *testing.T) {
	page := string(render(t, HTML{}, goldenReport(), Options{}))
	wantExcerpts(t, page, []excerpt{
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
		{"verdict", `<p class="verdict verdict-fail">Not compliant: 6 failing results (1 of them checks that could not run); 4 passed, 1 unknown, 1 waived, 2 not applicable.</p>`},
		{"failures by severity", `<td>failed or could not run</td><td class="n">3</td><td class="n">2</td><td class="n">1</td><td class="n">0</td><td class="n">0</td>`},
		{"scope: check time", `<tr><th>Checked at</th><td>2026-11-21T08:00:00Z</td></tr>`},
		{"scope: policies", `<tr><th>Checked by</th><td>hybridcheck 0.0.0-test, policies 0.0.0-test&#43;sha256:0123456789ab</td></tr>`},
		{"scope: VPC with its CIDRs", `<tr><th>VPC</th><td>vpc-0518d3603257bf85d (10.0.0.0/16)</td></tr>`},
		{"scope: device with its file", `<tr><th>Devices</th><td>edge-fw (pfsense, exports/edge-fw/config.xml)</td></tr>`},
		{"evidence object as a table", `<tr><th>rules</th><td><table><thead><tr><th>cidr_ipv4</th><th>from_port</th><th>protocol</th><th>to_port</th></tr></thead><tbody><tr><td>10.200.0.0/16</td><td>22</td><td>tcp</td><td>22</td></tr></tbody></table></td></tr>`},
	})
	if strings.Contains(page, `<pre class="evidence">`) {
		t.Error("evidence is still rendered as a JSON block")
	}
	exec := page[strings.Index(page, `id="executive-summary"`):strings.Index(page, `id="scope"`)]
	top := regexp.MustCompile(`<li><a href="#f-[0-9a-f]{16}"><code class="check-id">([A-Z0-9-]+)</code></a>`).FindAllStringSubmatch(exec, -1)
	var ids []string
	for _, m := range top {
		ids = append(ids, m[1])
	}
	// The most serious first: the critical failures (HN-FW-01, HN-SG-01, HN-VPN-02) in ID order
	// within a severity, as the failures section lists them.
	if got := strings.Join(ids, " "); got != "HN-FW-01 HN-SG-01 HN-VPN-02" {
		t.Errorf("executive summary names %q, want the three critical failures", got)
	}
	if strings.Index(page, `id="executive-summary"`) > strings.Index(page, `id="failures"`) {
		t.Error("the executive summary does not come before the detail")
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
	// The only links are the references of the checks, which are not fetched, and the
	// executive summary's links to findings on the page.
	for _, href := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(href[1], "https://docs.aws.amazon.com/") && !regexp.MustCompile(`^#f-[0-9a-f]{16}$`).MatchString(href[1]) {
			t.Errorf("unexpected link %q", href[1])
		}
	}
}
