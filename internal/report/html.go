package report

import (
	"fmt"
	"io"
	"sort"
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
// urlAttr, urlFragmentAttr), not with html/template: executing a template reaches
// reflect.Value.MethodByName, which makes the linker keep every exported method of every type
// in the binary, and so every operation of every AWS SDK client (more than half the release
// binary; BENCHMARKS.md, Binary size). html_reference_test.go keeps the template the page was
// first written with, and a test holds this renderer to its bytes.
type HTML struct{}

// htmlData is everything the page shows, computed by newHTMLData before any markup is written.
// Its field names are the reference template's (html_reference_test.go), which reads them.
type htmlData struct {
	Verdict    string
	Passed     bool
	FailedBy   []htmlSeverityCount
	Top        []htmlTopFinding
	Scope      []evidenceLine
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
	// Paths is the end-to-end path diagram section (diagram.go), empty without HN-PATH results.
	Paths string
}

type htmlCountRow struct {
	Name    string
	Summary result.Summary
}

type htmlFinding struct {
	result.Result
	Finding   string
	Locations []sourceLocation
	Evidence  []htmlEvidence
}

// htmlSeverityCount is how many failing results have one severity (the executive summary).
type htmlSeverityCount struct {
	Severity string
	Count    int
}

// htmlTopFinding is one of the most serious failures, in a sentence, linking to its detail.
type htmlTopFinding struct {
	ID, Severity, Sentence, Anchor string
}

// htmlEvidence is one evidence item: plain text, or a table when it is an object or a list of
// objects (a route, a rule, the tunnels of a connection).
type htmlEvidence struct {
	Key   string
	Text  string
	Table *htmlTable
}

type htmlTable struct {
	Columns []string
	Rows    [][]string
}

// Render writes the report as one self-contained HTML page: the executive summary and the
// scope above the results by area.
func (HTML) Render(w io.Writer, r *result.Report, _ Options) error {
	var p htmlPage
	p.write(newHTMLData(r))
	_, err := io.WriteString(w, p.String())
	return err
}

// newHTMLData computes the page's content from a report: the counts, the executive summary,
// the findings with their evidence tables.
func newHTMLData(r *result.Report) htmlData {
	d := htmlData{
		Scope:    scopeLines(r),
		Snapshot: r.Snapshot,
		Checker:  version.Version,
		Summary:  r.Summary,
		Matrix:   checkRows(r),
		Waivers:  withStatus(r.Results, result.Waived),
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
	d.Verdict, d.Passed, d.FailedBy, d.Top = executiveSummary(r)
	for _, x := range withStatus(r.Results, result.Unknown) {
		d.Unknowns = append(d.Unknowns, newHTMLFinding(x))
	}
	d.Paths = pathDiagram(r.Results)
	return d
}

func newHTMLFinding(x result.Result) htmlFinding {
	f := htmlFinding{Result: x, Finding: messageWithResource(x), Locations: evidenceLocations(x.Evidence)}
	for _, key := range evidenceKeysBesideLocations(x.Evidence) {
		f.Evidence = append(f.Evidence, newHTMLEvidence(key, x.Evidence[key]))
	}
	return f
}

// topFindings is how many failures the executive summary names.
const topFindings = 3

// executiveSummary is the verdict, the failures by severity and the most serious failures in
// a sentence each: what an auditor reads before the detail.
func executiveSummary(r *result.Report) (string, bool, []htmlSeverityCount, []htmlTopFinding) {
	s := r.Summary
	fails := failures(r.Results)
	var verdict string
	switch {
	case len(fails) > 0:
		verdict = fmt.Sprintf("Not compliant: %d failing results", len(fails))
		if s.Error > 0 {
			verdict += fmt.Sprintf(" (%d of them checks that could not run)", s.Error)
		}
	case s.Unknown > 0:
		verdict = fmt.Sprintf("No check failed, but %d results are unknown: the snapshot lacks what they need", s.Unknown)
	default:
		verdict = "Compliant: no check failed"
	}
	verdict += fmt.Sprintf("; %d passed, %d unknown, %d waived, %d not applicable.", s.Pass, s.Unknown, s.Waived, s.NotApplicable)
	counts := map[string]int{}
	for _, x := range fails {
		counts[x.Severity]++
	}
	var bySev []htmlSeverityCount
	for _, sev := range result.Severities {
		bySev = append(bySev, htmlSeverityCount{Severity: sev, Count: counts[sev]})
	}
	// The most serious: by severity first (a critical failure outranks a medium check that
	// could not run), then in the failures section's order.
	bySeverity := append([]result.Result(nil), fails...)
	sort.SliceStable(bySeverity, func(i, j int) bool {
		return result.SeverityRank(bySeverity[i].Severity) < result.SeverityRank(bySeverity[j].Severity)
	})
	var top []htmlTopFinding
	for _, x := range bySeverity[:min(len(fails), topFindings)] {
		top = append(top, htmlTopFinding{ID: x.ID, Severity: x.Severity, Sentence: firstSentence(messageWithResource(x)), Anchor: findingAnchor(x.ID, x.Resource, x.Message)})
	}
	return verdict, len(fails) == 0, bySev, top
}

// firstSentence is a finding without its "; expected ..." tail, ended with a full stop.
func firstSentence(msg string) string {
	if i := strings.Index(msg, "; expected"); i > 0 {
		msg = msg[:i]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// findingAnchor is stable across runs and unique even when a check reports one resource twice.
func findingAnchor(id, resource, message string) string {
	return "f-" + Fingerprint(id, resource+"\x00"+message)[:16]
}

// newHTMLEvidence renders an object as a two-column table, a list of objects as a table with
// a column per key, anything else as plain text.
func newHTMLEvidence(key string, v any) htmlEvidence {
	switch x := v.(type) {
	case map[string]any:
		t := &htmlTable{Columns: []string{"field", "value"}}
		for _, k := range sortedKeys(x) {
			t.Rows = append(t.Rows, []string{k, plainValue(x[k])})
		}
		return htmlEvidence{Key: key, Table: t}
	case []any:
		if t := objectTable(x); t != nil {
			return htmlEvidence{Key: key, Table: t}
		}
	}
	return htmlEvidence{Key: key, Text: plainValue(v)}
}

// objectTable is a list of objects as a table (columns: every key, sorted); nil when the list
// is empty or holds anything but objects.
func objectTable(list []any) *htmlTable {
	if len(list) == 0 {
		return nil
	}
	cols := map[string]bool{}
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil
		}
		for k := range m {
			cols[k] = true
		}
	}
	t := &htmlTable{}
	for k := range cols {
		t.Columns = append(t.Columns, k)
	}
	sort.Strings(t.Columns)
	for _, item := range list {
		m := item.(map[string]any)
		row := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			if val, ok := m[c]; ok {
				row[i] = plainValue(val)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// htmlPage is the page being written. Every value from the report goes through htmlEsc (or
// urlAttr, urlFragmentAttr in an href); everything else written is this file's own markup.
type htmlPage struct{ strings.Builder }

// raw appends markup as it is: constants and values already escaped.
func (p *htmlPage) raw(parts ...string) {
	for _, s := range parts {
		p.WriteString(s)
	}
}

// htmlSection is one <section> of the page: its id (what a link to it names), its heading,
// and the function that writes what follows the heading.
type htmlSection struct {
	id, title string
	body      func(*htmlPage, *htmlData)
}

// htmlSections are the page's sections in reading order. Adding a section (a diagram, say) is
// one entry here and its body function; the section element, heading and spacing are written
// by write. What the body needs from the report goes into htmlData (newHTMLData), and the same
// section goes into the reference template in html_reference_test.go, which
// TestHTMLMatchesTemplate holds this renderer to: escape every value with htmlEsc there as the
// template does, and the test proves it.
var htmlSections = []htmlSection{
	{"executive-summary", "Executive summary", (*htmlPage).executiveSummary},
	{"scope", "Scope", (*htmlPage).scope},
	{"summary", "Summary", (*htmlPage).summary},
	{"matrix", "Checks", (*htmlPage).matrix},
	{"failures", "Failures", (*htmlPage).failures},
	{"unknowns", "Unknown", (*htmlPage).unknowns},
	{"waivers", "Waivers", (*htmlPage).waivers},
	{"provenance", "Provenance", (*htmlPage).provenance},
}

// write is the whole page: head, header, every section, footer. A body starts right after
// its heading and ends without a newline; the wrapper adds the blank line between sections.
func (p *htmlPage) write(d htmlData) {
	p.header(&d)
	for _, s := range htmlSections {
		p.raw("\n<section id=\"", s.id, "\">\n<h2>", s.title, "</h2>")
		s.body(p, &d)
		p.raw("\n</section>\n")
		// The path diagram, a section of its own (with its print style), follows the matrix.
		if s.id == "matrix" && d.Paths != "" {
			p.raw("\n", d.Paths)
		}
	}
	p.raw("<footer>Generated by hybridcheck ", htmlEsc(d.Checker), " from the snapshot above; the same snapshot and policies give the same report.</footer>\n</body>\n</html>\n")
}

// header is the document head (title, inline style sheet) and the page's heading.
func (p *htmlPage) header(d *htmlData) {
	path := htmlEsc(d.Snapshot.Path)
	p.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<title>hybridcheck report: ", path, "</title>\n<style>\n", htmlCSS, "</style>\n</head>\n<body>\n",
		"<header>\n<h1>hybridcheck compliance report</h1>\n",
		"<p class=\"meta\">Snapshot <code>", path, "</code>, collected ", htmlEsc(d.Snapshot.CollectedAt),
		"; checked with hybridcheck ", htmlEsc(d.Checker), ".</p>\n</header>\n")
}

// executiveSummary is the verdict, the failures by severity and the most serious failures,
// each linking to its detail below.
func (p *htmlPage) executiveSummary(d *htmlData) {
	verdictClass := "verdict-fail"
	if d.Passed {
		verdictClass = "verdict-pass"
	}
	p.raw("\n<p class=\"verdict ", verdictClass, "\">", htmlEsc(d.Verdict), "</p>\n<table class=\"by-severity\">\n<thead><tr><th>Failing results by severity</th>")
	for _, c := range d.FailedBy {
		p.raw("<th class=\"sev\">", htmlEsc(c.Severity), "</th>")
	}
	p.raw("</tr></thead>\n<tbody><tr><td>failed or could not run</td>")
	for _, c := range d.FailedBy {
		p.raw("<td class=\"n\">", strconv.Itoa(c.Count), "</td>")
	}
	p.raw("</tr></tbody>\n</table>")
	if len(d.Top) == 0 {
		return
	}
	p.raw("\n<p>The most serious failures:</p>\n<ol class=\"top-failures\">")
	for _, f := range d.Top {
		p.raw("\n<li><a href=\"#", urlFragmentAttr(f.Anchor), "\"><code class=\"check-id\">", htmlEsc(f.ID), "</code></a> (<span class=\"sev\">",
			htmlEsc(f.Severity), "</span>): ", htmlEsc(f.Sentence), "</li>")
	}
	p.raw("\n</ol>")
}

// scope is what was checked, when and with what (scopeLines, shared with the other formats).
func (p *htmlPage) scope(d *htmlData) {
	p.raw("\n<table>\n<tbody>")
	for _, l := range d.Scope {
		p.raw("\n<tr><th>", htmlEsc(l.Key), "</th><td>", htmlEsc(l.Value), "</td></tr>")
	}
	p.raw("\n</tbody>\n</table>")
}

// summaryHead is the heading row of a table of counts whose first column is named first.
func summaryHead(first string) string {
	return "<thead><tr><th>" + first + "</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>Not applicable</th></tr></thead>"
}

// summaryCells writes a summary's counts as cells, in the column order of every count table.
func (p *htmlPage) summaryCells(s result.Summary) {
	for _, n := range []int{s.Fail, s.Error, s.Unknown, s.Waived, s.Pass, s.NotApplicable} {
		p.raw("<td class=\"n\">", strconv.Itoa(n), "</td>")
	}
}

// summary is the counts by status (cards), by severity and by area.
func (p *htmlPage) summary(d *htmlData) {
	s := d.Summary
	p.raw("\n<div class=\"cards\">\n")
	for _, c := range []struct {
		status result.Status
		n      int
		label  string
	}{{result.Fail, s.Fail, "failed"}, {result.Error, s.Error, "errors"}, {result.Unknown, s.Unknown, "unknown"}, {result.Waived, s.Waived, "waived"}, {result.Pass, s.Pass, "passed"}, {result.NotApplicable, s.NotApplicable, "not applicable"}} {
		p.raw("<div class=\"card status-", string(c.status), "\"><b>", strconv.Itoa(c.n), "</b>", c.label, "</div>\n")
	}
	p.raw("</div>\n<table>\n", summaryHead("Severity"), "\n<tbody>")
	for _, row := range d.Severities {
		p.raw("\n<tr><td class=\"sev\">", htmlEsc(row.Name), "</td>")
		p.summaryCells(row.Summary)
		p.raw("</tr>")
	}
	p.raw("\n</tbody>\n</table>\n<table>\n", summaryHead("Area"), "\n<tbody>")
	for _, row := range d.Areas {
		p.raw("\n<tr><td>", htmlEsc(row.Name), "</td>")
		p.summaryCells(row.Summary)
		p.raw("</tr>")
	}
	p.raw("\n</tbody>\n</table>")
}

// matrix is every catalog check with its outcome, including checks that did not run.
func (p *htmlPage) matrix(d *htmlData) {
	p.raw("\n<table>\n<thead><tr><th>ID</th><th>Check</th><th>Area</th><th>Severity</th><th>Outcome</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>N/A</th></tr></thead>\n<tbody>")
	for _, row := range d.Matrix {
		outcome := "not run"
		if row.Status != notRun {
			outcome = statusLabel(row.Status)
		}
		p.raw("\n<tr><td><code>", htmlEsc(row.Check.ID), "</code></td><td>", htmlEsc(row.Check.Title), "</td><td>", htmlEsc(result.AreaTitle(row.Check.Area)),
			"</td><td class=\"sev\">", htmlEsc(row.Check.Severity), "</td><td class=\"status status-", htmlEsc(string(row.Status)), "\">", htmlEsc(outcome), "</td>")
		p.summaryCells(row.Summary)
		p.raw("</tr>")
	}
	p.raw("\n</tbody>\n</table>")
}

func (p *htmlPage) failures(d *htmlData) {
	if len(d.Failures) == 0 {
		p.raw("\n<p>No check failed.</p>")
	}
	p.findings(d.Failures)
}

func (p *htmlPage) unknowns(d *htmlData) {
	if len(d.Unknowns) == 0 {
		p.raw("\n<p>Every check could decide from the snapshot.</p>")
	} else {
		p.raw("\n<p>The snapshot lacks what these checks need; each names what is missing.</p>")
	}
	p.findings(d.Unknowns)
}

// findings writes failing or unknown results, each an article that ends with a newline (so
// the section's closing tag follows a blank line, as the page has always had it).
func (p *htmlPage) findings(fs []htmlFinding) {
	for _, f := range fs {
		p.finding(f)
	}
}

// finding is one failing or unknown result: what, where, how to fix it, and its evidence.
func (p *htmlPage) finding(f htmlFinding) {
	status := htmlEsc(string(f.Status))
	p.raw("<article class=\"finding ", status, "\" id=\"", htmlEsc(findingAnchor(f.ID, f.Resource, f.Message)), "\">\n",
		"<h3><span class=\"status status-", status, "\">", htmlEsc(statusLabel(f.Status)), "</span> <code class=\"check-id\">", htmlEsc(f.ID), "</code> ", htmlEsc(f.Title), "</h3>\n<dl>\n",
		"<dt>Severity</dt><dd class=\"sev\">", htmlEsc(f.Severity), "</dd>\n",
		"<dt>Resource</dt><dd><code>", htmlEsc(f.Resource), "</code></dd>\n",
		"<dt>Finding</dt><dd>", htmlEsc(f.Finding), "</dd>")
	for _, l := range f.Locations {
		p.raw("\n<dt>Location</dt><dd><code>", htmlEsc(l.String()), "</code></dd>")
	}
	if f.Remediation != "" {
		p.raw("\n<dt>Remediation</dt><dd>", htmlEsc(f.Remediation), "</dd>")
	}
	if len(f.References) > 0 {
		p.raw("\n<dt>References</dt><dd>")
		p.references(f.References)
		p.raw("</dd>")
	}
	p.raw("\n</dl>")
	if len(f.Evidence) > 0 {
		p.raw("\n<table class=\"evidence\">\n<tbody>")
		for _, e := range f.Evidence {
			p.raw("\n<tr><th>", htmlEsc(e.Key), "</th><td>")
			p.evidenceValue(e)
			p.raw("</td></tr>")
		}
		p.raw("\n</tbody>\n</table>")
	}
	p.raw("\n</article>\n")
}

// references are a check's references, comma-separated; http(s) ones are links (printed with
// their address on paper), anything else (a CIS control number) is text.
func (p *htmlPage) references(refs []string) {
	for i, ref := range refs {
		if i > 0 {
			p.raw(", ")
		}
		if isURL(ref) {
			p.raw("<a href=\"", urlAttr(ref), "\">", htmlEsc(ref), "</a>")
		} else {
			p.raw(htmlEsc(ref))
		}
	}
}

// evidenceValue is one evidence item: its table (see newHTMLEvidence) or its text.
func (p *htmlPage) evidenceValue(e htmlEvidence) {
	if e.Table == nil {
		p.raw(htmlEsc(e.Text))
		return
	}
	p.raw("<table><thead><tr>")
	for _, c := range e.Table.Columns {
		p.raw("<th>", htmlEsc(c), "</th>")
	}
	p.raw("</tr></thead><tbody>")
	for _, row := range e.Table.Rows {
		p.raw("<tr>")
		for _, v := range row {
			p.raw("<td>", htmlEsc(v), "</td>")
		}
		p.raw("</tr>")
	}
	p.raw("</tbody></table>")
}

// waivers are the waived results with who approved them and until when, and the notes (a
// waiver that expired, a waiver that matched nothing).
func (p *htmlPage) waivers(d *htmlData) {
	if len(d.Waivers) == 0 {
		p.raw("\n<p>No result is waived.</p>")
	} else {
		p.raw("\n<table>\n<thead><tr><th>ID</th><th>Resource</th><th>Justification</th><th>Approved by</th><th>Expires</th></tr></thead>\n<tbody>")
		for _, w := range d.Waivers {
			p.raw("\n<tr><td><code>", htmlEsc(w.ID), "</code></td><td><code>", htmlEsc(w.Resource), "</code></td>")
			if w.Waiver != nil {
				p.raw("<td>", htmlEsc(w.Waiver.Justification), "</td><td>", htmlEsc(w.Waiver.ApprovedBy), "</td><td>", htmlEsc(w.Waiver.Expires), "</td>")
			} else {
				p.raw("<td></td><td></td><td></td>")
			}
			p.raw("</tr>")
		}
		p.raw("\n</tbody>\n</table>")
	}
	if len(d.Notes) > 0 {
		p.raw("\n<ul class=\"notes\">")
		for _, n := range d.Notes {
			p.raw("\n<li>", htmlEsc(n), "</li>")
		}
		p.raw("\n</ul>")
	}
}

// provenance is where the snapshot came from: who collected it when, and every source with
// its status, so an auditor can tell a gap in the evidence from a clean result.
func (p *htmlPage) provenance(d *htmlData) {
	s := d.Snapshot
	p.raw("\n<table>\n<tbody>\n",
		"<tr><th>Snapshot</th><td><code>", htmlEsc(s.Path), "</code></td></tr>\n",
		"<tr><th>Collected at</th><td>", htmlEsc(s.CollectedAt), "</td></tr>\n",
		"<tr><th>Collected by</th><td>hybridcheck ", htmlEsc(s.ToolVersion), "</td></tr>\n",
		"<tr><th>Snapshot schema</th><td>", htmlEsc(s.SchemaVersion), "</td></tr>\n",
		"<tr><th>Checked by</th><td>hybridcheck ", htmlEsc(d.Checker), "</td></tr>\n",
		"</tbody>\n</table>\n<table>\n<thead><tr><th>Source</th><th>Kind</th><th>Location</th><th>Status</th><th>Items</th><th>Error</th></tr></thead>\n<tbody>")
	for _, src := range s.Sources {
		p.raw("\n<tr><td><code>", htmlEsc(src.ID), "</code></td><td>", htmlEsc(src.Kind), "</td><td><code>", htmlEsc(src.Location), "</code></td><td>",
			htmlEsc(src.Status), "</td><td class=\"n\">", strconv.Itoa(src.Items), "</td><td>", htmlEsc(src.Error), "</td></tr>")
	}
	p.raw("\n</tbody>\n</table>")
}

// htmlCSS is the page's inline style sheet: nothing is fetched, and it prints on paper.
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
.verdict { font-size: 1.15rem; font-weight: 600; margin: .5rem 0; }
.verdict-fail { color: var(--fail); }
.verdict-pass { color: var(--pass); }
table.evidence th { width: 14rem; font-weight: 600; }
table.evidence table { margin: 0; }
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
