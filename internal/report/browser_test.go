//go:build browser

package report

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBrowserShowsFailures renders the golden report's HTML in headless Chromium and checks,
// from the laid-out page, that every failing check ID is visible in the failures section.
// innerText only holds text that CSS actually renders (not display:none, not
// visibility:hidden), so a stylesheet that hid the findings would fail this test. The script
// that reads innerText is added to a copy of the page; the report itself has no script.
//
// Run with: go test -tags browser -run TestBrowser ./internal/report/
func TestBrowserShowsFailures(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Fatal("no Chromium found (apt-get install -y chromium); make test-browser installs it")
	}
	rep := goldenReport()
	page := string(render(t, HTML{}, rep, Options{}))
	probe := `<script>
for (const id of ["failures", "executive-summary", "scope"]) {
  const pre = document.createElement("pre");
  pre.id = "hc-visible-" + id;
  const top = document.getElementById(id).getBoundingClientRect().top + window.scrollY;
  pre.textContent = "top=" + Math.round(top) + "\n" + document.getElementById(id).innerText;
  document.body.appendChild(pre);
}
</script>
</body>`
	if !strings.Contains(page, "</body>") {
		t.Fatal("page has no </body>")
	}
	harness := strings.Replace(page, "</body>", probe, 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	sections := map[string]string{}
	tops := map[string]int{}
	for _, id := range []string{"failures", "executive-summary", "scope"} {
		m := regexp.MustCompile(`(?s)<pre id="hc-visible-` + id + `">top=(\d+)\n(.*?)</pre>`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("the rendered DOM lacks the probe's output for #%s; did the page load?\n%s", id, out)
		}
		tops[id], _ = strconv.Atoi(string(m[1]))
		sections[id] = html.UnescapeString(string(m[2]))
	}
	checkExecutiveSummaryAndScope(t, sections, tops)
	visible := sections["failures"]
	if strings.TrimSpace(visible) == "" {
		t.Fatal("the failures section renders no text")
	}
	n := 0
	for _, x := range rep.Results {
		if !x.IsFailing() {
			continue
		}
		n++
		if !strings.Contains(visible, x.ID) {
			t.Errorf("failing check %s is not visible in the rendered failures section", x.ID)
		}
		if x.Resource != "" && !strings.Contains(visible, x.Resource) {
			t.Errorf("resource %s of failing check %s is not visible", x.Resource, x.ID)
		}
	}
	if n == 0 {
		t.Fatal("the golden report has no failing result to look for")
	}
}

// checkExecutiveSummaryAndScope: the executive summary (verdict, failures by severity, the
// three most serious failures) and the scope block are rendered, visible, and laid out above
// the detail.
func checkExecutiveSummaryAndScope(t *testing.T, sections map[string]string, tops map[string]int) {
	t.Helper()
	summary := sections["executive-summary"]
	for _, want := range []string{"Not compliant: 6 failing results", "CRITICAL\t", "HN-FW-01 (CRITICAL)", "HN-FW-01", "HN-SG-01", "HN-VPN-02", "tunnel 34.226.12.77 is DOWN."} {
		if !strings.Contains(summary, want) {
			t.Errorf("the rendered executive summary lacks %q:\n%s", want, summary)
		}
	}
	if strings.Contains(summary, "HN-VPC-03") {
		t.Error("the executive summary names a fourth failure")
	}
	scope := sections["scope"]
	for _, want := range []string{"Checked at", "2026-11-21T08:00:00Z", "111122223333", "us-east-1", "eks-hybrid", "vpc-0518d3603257bf85d (10.0.0.0/16)", "10.200.0.0/16", "192.168.0.0/16", "edge-fw (pfsense, exports/edge-fw/config.xml)"} {
		if !strings.Contains(scope, want) {
			t.Errorf("the rendered scope block lacks %q:\n%s", want, scope)
		}
	}
	if !(tops["executive-summary"] < tops["scope"] && tops["scope"] < tops["failures"]) {
		t.Errorf("layout order: executive summary at %dpx, scope at %dpx, failures at %dpx; want them in that order", tops["executive-summary"], tops["scope"], tops["failures"])
	}
}
