//go:build browser

package report

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
document.body.insertAdjacentHTML("beforeend", "<pre id=\"hc-visible\"></pre>");
document.getElementById("hc-visible").textContent = document.getElementById("failures").innerText;
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
	m := regexp.MustCompile(`(?s)<pre id="hc-visible">(.*?)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the rendered DOM lacks the probe's output; did the page load?\n%s", out)
	}
	visible := html.UnescapeString(string(m[1]))
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
