package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// HTML is the auditor's report: one self-contained page (inline CSS, no script, nothing
// fetched) with the summary, the pass/fail matrix of every catalog check, the failures with
// evidence and remediation, the waivers and the snapshot's provenance. It prints on paper.
//
// The page is written with plain Go and the escaping html/template would apply (htmlEsc,
// urlAttr), not with html/template: executing a template reaches reflect.Value.MethodByName,
// which makes the linker keep every exported method of every type in the binary, and so every
// operation of every AWS SDK client (half the release binary; BENCHMARKS.md, Binary size).
type HTML struct{}

type htmlData struct {
	Snapshot   result.SnapshotInfo
	Checker    string
	Summary    result.Summary
	Severities []htmlCountRow
	Areas      []htmlCountRow
	Matrix     []checkRow
	Failures   []htmlFinding
	Unknowns   []htmlFinding
	Waivers    []result.Result
	Notes      []string
}

type htmlCountRow struct {
	Name    string
	Summary result.Summary
}

type htmlFinding struct {
	result.Result
	Locations []sourceLocation
	Evidence  []evidenceLine
}

func (HTML) Render(w io.Writer, r *result.Report, _ Options) error {
	d := htmlData{
		Snapshot: r.Snapshot,
		Checker:  version.Version,
		Summary:  r.Summary,
		Matrix:   checkRows(r),
		Waivers:  waivedResults(r.Results),
		Notes:    r.Notes,
	}
	bySeverity := map[string][]result.Result{}
	for _, x := range r.Results {
		bySeverity[x.Severity] = append(bySeverity[x.Severity], x)
	}
	for _, sev := range result.Severities {
		d.Severities = append(d.Severities, htmlCountRow{Name: sev, Summary: result.Summarize(bySeverity[sev])})
	}
	for _, g := range groupByArea(r.Results) {
		d.Areas = append(d.Areas, htmlCountRow{Name: g.Title, Summary: g.Summary})
	}
	for _, x := range failures(r.Results) {
		d.Failures = append(d.Failures, newHTMLFinding(x))
	}
	for _, x := range unknowns(r.Results) {
		d.Unknowns = append(d.Unknowns, newHTMLFinding(x))
	}
	var b strings.Builder
	writeHTMLPage(&b, d)
	_, err := io.WriteString(w, b.String())
	return err
}

func newHTMLFinding(x result.Result) htmlFinding {
	return htmlFinding{Result: x, Locations: evidenceLocations(x.Evidence), Evidence: evidenceBesideLocations(x.Evidence)}
}

// htmlEscaper escapes text and quoted attribute values as html/template does (its
// htmlReplacementTable: NUL, the quotes, &, + and the angle brackets).
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func htmlEsc(s string) string { return htmlEscaper.Replace(s) }

// urlAttr is a URL in a quoted href as html/template writes it: bytes outside RFC 3986's
// unreserved and reserved sets (and %) percent-encoded, then escaped for the attribute. Only
// http(s) URLs reach it (isURL).
func urlAttr(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return htmlEsc(b.String())
}

func isURL(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") }

// htmlAnchor is stable across runs and unique even when a check reports one resource twice.
func htmlAnchor(id, resource, message string) string {
	return "f-" + Fingerprint(id, resource+"\x00"+message)[:16]
}

func itoa(n int) string { return strconv.Itoa(n) }

// summaryCells are a summary's counts as table cells, in the column order of every table.
func summaryCells(s result.Summary) string {
	var b strings.Builder
	for _, n := range []int{s.Fail, s.Error, s.Unknown, s.Waived, s.Pass, s.NotApplicable} {
		b.WriteString(`<td class="n">` + itoa(n) + `</td>`)
	}
	return b.String()
}

func writeHTMLPage(b *strings.Builder, d htmlData) {
	e := htmlEsc
	path := e(d.Snapshot.Path)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>hybridcheck report: " + path + "</title>\n<style>\n" + htmlCSS + "</style>\n</head>\n<body>\n<header>\n<h1>hybridcheck compliance report</h1>\n")
	fmt.Fprintf(b, "<p class=\"meta\">Snapshot <code>%s</code>, collected %s; checked with hybridcheck %s.</p>\n</header>\n\n", path, e(d.Snapshot.CollectedAt), e(d.Checker))

	s := d.Summary
	b.WriteString("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n")
	for _, c := range []struct {
		class string
		n     int
		label string
	}{{"fail", s.Fail, "failed"}, {"error", s.Error, "errors"}, {"unknown", s.Unknown, "unknown"}, {"waived", s.Waived, "waived"}, {"pass", s.Pass, "passed"}, {"not_applicable", s.NotApplicable, "not applicable"}} {
		fmt.Fprintf(b, "<div class=\"card status-%s\"><b>%d</b>%s</div>\n", c.class, c.n, c.label)
	}
	b.WriteString("</div>\n<table>\n<thead><tr><th>Severity</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>Not applicable</th></tr></thead>\n<tbody>")
	for _, row := range d.Severities {
		b.WriteString("\n<tr><td class=\"sev\">" + e(row.Name) + "</td>" + summaryCells(row.Summary) + "</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n<table>\n<thead><tr><th>Area</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>Not applicable</th></tr></thead>\n<tbody>")
	for _, row := range d.Areas {
		b.WriteString("\n<tr><td>" + e(row.Name) + "</td>" + summaryCells(row.Summary) + "</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</section>\n\n")

	writeHTMLMatrix(b, d.Matrix)

	b.WriteString("<section id=\"failures\">\n<h2>Failures</h2>")
	if len(d.Failures) == 0 {
		b.WriteString("\n<p>No check failed.</p>")
	}
	for _, f := range d.Failures {
		writeHTMLFinding(b, f)
	}
	b.WriteString("\n</section>\n\n<section id=\"unknowns\">\n<h2>Unknown</h2>")
	if len(d.Unknowns) == 0 {
		b.WriteString("\n<p>Every check could decide from the snapshot.</p>")
	} else {
		b.WriteString("\n<p>The snapshot lacks what these checks need; each names what is missing.</p>")
	}
	for _, f := range d.Unknowns {
		writeHTMLFinding(b, f)
	}
	b.WriteString("\n</section>\n\n")

	writeHTMLWaivers(b, d.Waivers, d.Notes)
	writeHTMLProvenance(b, d)
}

func writeHTMLMatrix(b *strings.Builder, rows []checkRow) {
	e := htmlEsc
	b.WriteString("<section id=\"matrix\">\n<h2>Checks</h2>\n<table>\n<thead><tr><th>ID</th><th>Check</th><th>Area</th><th>Severity</th><th>Outcome</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>N/A</th></tr></thead>\n<tbody>")
	for _, row := range rows {
		outcome := "not run"
		if row.Status != notRun {
			outcome = e(statusLabel(row.Status))
		}
		fmt.Fprintf(b, "\n<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td class=\"sev\">%s</td><td class=\"status status-%s\">%s</td>%s</tr>",
			e(row.Check.ID), e(row.Check.Title), e(areaTitle(row.Check.Area)), e(row.Check.Severity), e(row.Status), outcome, summaryCells(row.Summary))
	}
	b.WriteString("\n</tbody>\n</table>\n</section>\n\n")
}

// writeHTMLFinding renders one failing or unknown result.
func writeHTMLFinding(b *strings.Builder, f htmlFinding) {
	e := htmlEsc
	fmt.Fprintf(b, "<article class=\"finding %s\" id=\"%s\">\n", e(f.Status), e(htmlAnchor(f.ID, f.Resource, f.Message)))
	fmt.Fprintf(b, "<h3><span class=\"status status-%s\">%s</span> <code class=\"check-id\">%s</code> %s</h3>\n<dl>\n", e(f.Status), e(statusLabel(f.Status)), e(f.ID), e(f.Title))
	fmt.Fprintf(b, "<dt>Severity</dt><dd class=\"sev\">%s</dd>\n<dt>Resource</dt><dd><code>%s</code></dd>\n<dt>Finding</dt><dd>%s</dd>", e(f.Severity), e(f.Resource), e(f.Message))
	for _, l := range f.Locations {
		b.WriteString("\n<dt>Location</dt><dd><code>" + e(l.String()) + "</code></dd>")
	}
	if f.Remediation != "" {
		b.WriteString("\n<dt>Remediation</dt><dd>" + e(f.Remediation) + "</dd>")
	}
	if len(f.References) > 0 {
		b.WriteString("\n<dt>References</dt><dd>")
		for i, ref := range f.References {
			if i > 0 {
				b.WriteString(", ")
			}
			if isURL(ref) {
				b.WriteString(`<a href="` + urlAttr(ref) + `">` + e(ref) + `</a>`)
			} else {
				b.WriteString(e(ref))
			}
		}
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>")
	if len(f.Evidence) > 0 {
		b.WriteString("\n<pre class=\"evidence\">")
		for _, l := range f.Evidence {
			b.WriteString(e(l.Key) + ": " + e(l.Value) + "\n")
		}
		b.WriteString("</pre>")
	}
	b.WriteString("\n</article>\n")
}

func writeHTMLWaivers(b *strings.Builder, waivers []result.Result, notes []string) {
	e := htmlEsc
	b.WriteString("<section id=\"waivers\">\n<h2>Waivers</h2>")
	if len(waivers) > 0 {
		b.WriteString("\n<table>\n<thead><tr><th>ID</th><th>Resource</th><th>Justification</th><th>Approved by</th><th>Expires</th></tr></thead>\n<tbody>")
		for _, w := range waivers {
			fmt.Fprintf(b, "\n<tr><td><code>%s</code></td><td><code>%s</code></td>", e(w.ID), e(w.Resource))
			if w.Waiver != nil {
				fmt.Fprintf(b, "<td>%s</td><td>%s</td><td>%s</td>", e(w.Waiver.Justification), e(w.Waiver.ApprovedBy), e(w.Waiver.Expires))
			} else {
				b.WriteString("<td></td><td></td><td></td>")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("\n</tbody>\n</table>")
	} else {
		b.WriteString("\n<p>No result is waived.</p>")
	}
	if len(notes) > 0 {
		b.WriteString("\n<ul class=\"notes\">")
		for _, n := range notes {
			b.WriteString("\n<li>" + e(n) + "</li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n</section>\n\n")
}

func writeHTMLProvenance(b *strings.Builder, d htmlData) {
	e := htmlEsc
	s := d.Snapshot
	b.WriteString("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table>\n<tbody>\n")
	fmt.Fprintf(b, "<tr><th>Snapshot</th><td><code>%s</code></td></tr>\n<tr><th>Collected at</th><td>%s</td></tr>\n<tr><th>Collected by</th><td>hybridcheck %s</td></tr>\n<tr><th>Snapshot schema</th><td>%s</td></tr>\n<tr><th>Checked by</th><td>hybridcheck %s</td></tr>\n",
		e(s.Path), e(s.CollectedAt), e(s.ToolVersion), e(s.SchemaVersion), e(d.Checker))
	b.WriteString("</tbody>\n</table>\n<table>\n<thead><tr><th>Source</th><th>Kind</th><th>Location</th><th>Status</th><th>Items</th><th>Error</th></tr></thead>\n<tbody>")
	for _, src := range s.Sources {
		fmt.Fprintf(b, "\n<tr><td><code>%s</code></td><td>%s</td><td><code>%s</code></td><td>%s</td><td class=\"n\">%d</td><td>%s</td></tr>", e(src.ID), e(src.Kind), e(src.Location), e(src.Status), src.Items, e(src.Error))
	}
	fmt.Fprintf(b, "\n</tbody>\n</table>\n</section>\n<footer>Generated by hybridcheck %s from the snapshot above; the same snapshot and policies give the same report.</footer>\n</body>\n</html>\n", e(d.Checker))
}

// htmlCSS is the page's inline style sheet.
const htmlCSS = `:root { --fail: #b3261e; --error: #7a1fa2; --waived: #8a6d00; --pass: #1b6e20; --na: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
td code, .check-id { white-space: nowrap; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: .5rem; white-space: pre-wrap; word-break: break-word; margin: .4rem 0; }
.meta { color: var(--na); margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.6rem; }
.status { font-weight: 600; white-space: nowrap; }
.status-fail { color: var(--fail); }
.status-error { color: var(--error); }
.status-waived, .status-unknown { color: var(--waived); }
.status-pass { color: var(--pass); }
.status-not_applicable, .status-not_run { color: var(--na); }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--fail); border-radius: 4px; padding: .75rem 1rem; margin: .75rem 0; }
.finding.error { border-left-color: var(--error); }
.finding.unknown { border-left-color: var(--waived); }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: .4rem 0; }
.finding dt { font-weight: 600; }
.finding dd { margin: 0; }
.sev { text-transform: uppercase; font-size: .8em; font-weight: 700; letter-spacing: .03em; }
footer { margin-top: 2rem; color: var(--na); font-size: .85em; }
@media print {
  @page { margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr, .finding, .card { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
