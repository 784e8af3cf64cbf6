//go:build browser

package report

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found (apt-get install -y chromium); make test-browser installs it")
	return ""
}

func runChromium(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + filepath.Join(dir, "profile")}
	cmd := exec.CommandContext(ctx, chromium(t), append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return out
}

// TestBrowserPathDiagram renders the broken reference's HTML report in headless Chromium,
// takes a screenshot of the path diagram (kept in $HYBRIDCHECK_SCREENSHOT_DIR when set), and
// reads from the laid-out DOM that each failing flow is drawn red at the hop its HN-PATH
// result names, with no script error on the page.
//
// Run with: make test-browser
func TestBrowserPathDiagram(t *testing.T) {
	rep := brokenReferenceReport(t)
	page := string(render(t, HTML{}, rep, Options{}))
	if !strings.Contains(page, `<svg id="path-diagram"`) {
		t.Fatal("the report has no path diagram")
	}
	dir := t.TempDir()

	shotDir := os.Getenv("HYBRIDCHECK_SCREENSHOT_DIR")
	if shotDir == "" {
		shotDir = dir
	}
	// The screenshot: the page's head (its styles) and the diagram section alone.
	start, end := strings.Index(page, `<section id="paths">`), strings.Index(page, `<section id="failures">`)
	if start < 0 || end < start {
		t.Fatal("the diagram section is not before the failures")
	}
	diagramOnly := page[:strings.Index(page, "<body>")+len("<body>")] + page[start:end] + "</body></html>"
	if err := os.WriteFile(filepath.Join(dir, "shot.html"), []byte(diagramOnly), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(shotDir, "path-diagram.png")
	runChromium(t, dir, "--window-size=1150,650", "--screenshot="+shot, "file://"+filepath.Join(dir, "shot.html"))
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("no screenshot of the diagram at %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)

	// It prints: Chromium lays the page out on A4 and writes the PDF.
	pdf := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(filepath.Join(dir, "print.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	runChromium(t, dir, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+filepath.Join(dir, "print.html"))
	b, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the report does not print to PDF: %v", err)
	}
	// A4 is 595 x 842 points.
	for _, box := range regexp.MustCompile(`MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`).FindAllStringSubmatch(string(b), -1) {
		if !strings.HasPrefix(box[1], "59") || !strings.HasPrefix(box[2], "84") {
			t.Errorf("a printed page is %s x %s points, not A4", box[1], box[2])
		}
	}

	// The DOM: every stop hop with its flow, kind and the colour it is painted.
	probe := `<script>
window.hcErrors = [];
window.addEventListener("error", e => window.hcErrors.push(String(e.message)));
</script>`
	read := `<script>
const stops = [...document.querySelectorAll("#path-diagram circle[data-stop]")].map(c => ({
  flow: c.dataset.flow, kind: c.dataset.kind, fill: getComputedStyle(c).fill,
  visible: c.getBoundingClientRect().width > 0 }));
document.body.insertAdjacentHTML("beforeend", "<pre id=\"hc-stops\"></pre>");
document.getElementById("hc-stops").textContent = JSON.stringify({stops, errors: window.hcErrors});
</script>
</body>`
	harness := strings.Replace(strings.Replace(page, "<head>", "<head>"+probe, 1), "</body>", read, 1)
	if err := os.WriteFile(filepath.Join(dir, "dom.html"), []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runChromium(t, dir, "--dump-dom", "file://"+filepath.Join(dir, "dom.html"))
	m := regexp.MustCompile(`(?s)<pre id="hc-stops">(.*?)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the rendered DOM lacks the probe's output:\n%s", out)
	}
	var got struct {
		Stops []struct {
			Flow, Kind, Fill string
			Visible          bool
		}
		Errors []string
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) > 0 {
		t.Errorf("script errors on the page: %v", got.Errors)
	}
	failing := 0
	for _, r := range rep.Results {
		if !strings.HasPrefix(r.ID, "HN-PATH-") || r.Status != result.Fail {
			continue
		}
		failing++
		flow, _, _ := strings.Cut(r.Resource, ":")
		hops, _ := r.Evidence["trace"].([]any)
		stop := int(r.Evidence["first_stop"].(float64))
		kind := hops[stop].(map[string]any)["kind"].(string)
		found := false
		for _, s := range got.Stops {
			if s.Flow == flow {
				found = true
				if s.Kind != kind || s.Fill != "rgb(179, 38, 30)" || !s.Visible {
					t.Errorf("%s is drawn stopping at %s in %s (visible %v), want red at %s", flow, s.Kind, s.Fill, s.Visible, kind)
				}
			}
		}
		if !found {
			t.Errorf("%s fails but the diagram marks no hop where it stops", flow)
		}
	}
	if failing == 0 || len(got.Stops) != failing {
		t.Errorf("%d failing path results, %d stop hops drawn", failing, len(got.Stops))
	}
}
