package report

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// HTML is the auditor's report: one self-contained page (inline CSS, no script, nothing
// fetched) with the summary, the pass/fail matrix of every catalog check, the failures with
// evidence and remediation, the waivers and the snapshot's provenance. It prints on paper.
type HTML struct{}

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

func (HTML) Render(w io.Writer, r *result.Report, _ Options) error {
	d := htmlData{
		Scope:    scopeLines(r),
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
	d.Verdict, d.Passed, d.FailedBy, d.Top = executiveSummary(r)
	for _, x := range unknowns(r.Results) {
		d.Unknowns = append(d.Unknowns, newHTMLFinding(x))
	}
	return htmlTemplate.Execute(w, d)
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

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"area":  areaTitle,
	"label": statusLabel,
	"isURL": func(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") },
	// anchor is stable across runs and unique even when a check reports one resource twice.
	"anchor": findingAnchor,
}).Parse(htmlSource + htmlFindingSource))

const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hybridcheck report: {{.Snapshot.Path}}</title>
<style>
:root { --fail: #b3261e; --error: #7a1fa2; --waived: #8a6d00; --pass: #1b6e20; --na: #5f6368; --line: #d0d4d9; }
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
</style>
</head>
<body>
<header>
<h1>hybridcheck compliance report</h1>
<p class="meta">Snapshot <code>{{.Snapshot.Path}}</code>, collected {{.Snapshot.CollectedAt}}; checked with hybridcheck {{.Checker}}.</p>
</header>

<section id="executive-summary">
<h2>Executive summary</h2>
<p class="verdict {{if .Passed}}verdict-pass{{else}}verdict-fail{{end}}">{{.Verdict}}</p>
<table class="by-severity">
<thead><tr><th>Failing results by severity</th>{{range .FailedBy}}<th class="sev">{{.Severity}}</th>{{end}}</tr></thead>
<tbody><tr><td>failed or could not run</td>{{range .FailedBy}}<td class="n">{{.Count}}</td>{{end}}</tr></tbody>
</table>
{{- if .Top}}
<p>The most serious failures:</p>
<ol class="top-failures">
{{- range .Top}}
<li><a href="#{{.Anchor}}"><code class="check-id">{{.ID}}</code></a> (<span class="sev">{{.Severity}}</span>): {{.Sentence}}</li>
{{- end}}
</ol>
{{- end}}
</section>

<section id="scope">
<h2>Scope</h2>
<table>
<tbody>
{{- range .Scope}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</tbody>
</table>
</section>

<section id="summary">
<h2>Summary</h2>
<div class="cards">
<div class="card status-fail"><b>{{.Summary.Fail}}</b>failed</div>
<div class="card status-error"><b>{{.Summary.Error}}</b>errors</div>
<div class="card status-unknown"><b>{{.Summary.Unknown}}</b>unknown</div>
<div class="card status-waived"><b>{{.Summary.Waived}}</b>waived</div>
<div class="card status-pass"><b>{{.Summary.Pass}}</b>passed</div>
<div class="card status-not_applicable"><b>{{.Summary.NotApplicable}}</b>not applicable</div>
</div>
<table>
<thead><tr><th>Severity</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>Not applicable</th></tr></thead>
<tbody>
{{- range .Severities}}
<tr><td class="sev">{{.Name}}</td><td class="n">{{.Summary.Fail}}</td><td class="n">{{.Summary.Error}}</td><td class="n">{{.Summary.Unknown}}</td><td class="n">{{.Summary.Waived}}</td><td class="n">{{.Summary.Pass}}</td><td class="n">{{.Summary.NotApplicable}}</td></tr>
{{- end}}
</tbody>
</table>
<table>
<thead><tr><th>Area</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>Not applicable</th></tr></thead>
<tbody>
{{- range .Areas}}
<tr><td>{{.Name}}</td><td class="n">{{.Summary.Fail}}</td><td class="n">{{.Summary.Error}}</td><td class="n">{{.Summary.Unknown}}</td><td class="n">{{.Summary.Waived}}</td><td class="n">{{.Summary.Pass}}</td><td class="n">{{.Summary.NotApplicable}}</td></tr>
{{- end}}
</tbody>
</table>
</section>

<section id="matrix">
<h2>Checks</h2>
<table>
<thead><tr><th>ID</th><th>Check</th><th>Area</th><th>Severity</th><th>Outcome</th><th>Failed</th><th>Errors</th><th>Unknown</th><th>Waived</th><th>Passed</th><th>N/A</th></tr></thead>
<tbody>
{{- range .Matrix}}
<tr><td><code>{{.Check.ID}}</code></td><td>{{.Check.Title}}</td><td>{{area .Check.Area}}</td><td class="sev">{{.Check.Severity}}</td><td class="status status-{{.Status}}">{{if eq .Status "not_run"}}not run{{else}}{{label .Status}}{{end}}</td>{{with .Summary}}<td class="n">{{.Fail}}</td><td class="n">{{.Error}}</td><td class="n">{{.Unknown}}</td><td class="n">{{.Waived}}</td><td class="n">{{.Pass}}</td><td class="n">{{.NotApplicable}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</section>

<section id="failures">
<h2>Failures</h2>
{{- if not .Failures}}
<p>No check failed.</p>
{{- end}}
{{- range .Failures}}{{template "finding" .}}{{- end}}
</section>

<section id="unknowns">
<h2>Unknown</h2>
{{- if not .Unknowns}}
<p>Every check could decide from the snapshot.</p>
{{- else}}
<p>The snapshot lacks what these checks need; each names what is missing.</p>
{{- end}}
{{- range .Unknowns}}{{template "finding" .}}{{- end}}
</section>

<section id="waivers">
<h2>Waivers</h2>
{{- if .Waivers}}
<table>
<thead><tr><th>ID</th><th>Resource</th><th>Justification</th><th>Approved by</th><th>Expires</th></tr></thead>
<tbody>
{{- range .Waivers}}
<tr><td><code>{{.ID}}</code></td><td><code>{{.Resource}}</code></td>{{with .Waiver}}<td>{{.Justification}}</td><td>{{.ApprovedBy}}</td><td>{{.Expires}}</td>{{else}}<td></td><td></td><td></td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>No result is waived.</p>
{{- end}}
{{- if .Notes}}
<ul class="notes">
{{- range .Notes}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</section>

<section id="provenance">
<h2>Provenance</h2>
<table>
<tbody>
<tr><th>Snapshot</th><td><code>{{.Snapshot.Path}}</code></td></tr>
<tr><th>Collected at</th><td>{{.Snapshot.CollectedAt}}</td></tr>
<tr><th>Collected by</th><td>hybridcheck {{.Snapshot.ToolVersion}}</td></tr>
<tr><th>Snapshot schema</th><td>{{.Snapshot.SchemaVersion}}</td></tr>
<tr><th>Checked by</th><td>hybridcheck {{.Checker}}</td></tr>
</tbody>
</table>
<table>
<thead><tr><th>Source</th><th>Kind</th><th>Location</th><th>Status</th><th>Items</th><th>Error</th></tr></thead>
<tbody>
{{- range .Snapshot.Sources}}
<tr><td><code>{{.ID}}</code></td><td>{{.Kind}}</td><td><code>{{.Location}}</code></td><td>{{.Status}}</td><td class="n">{{.Items}}</td><td>{{.Error}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
<footer>Generated by hybridcheck {{.Checker}} from the snapshot above; the same snapshot and policies give the same report.</footer>
</body>
</html>
`

// htmlFindingSource renders one failing or unknown result.
const htmlFindingSource = `{{define "finding"}}<article class="finding {{.Status}}" id="{{anchor .ID .Resource .Message}}">
<h3><span class="status status-{{.Status}}">{{label .Status}}</span> <code class="check-id">{{.ID}}</code> {{.Title}}</h3>
<dl>
<dt>Severity</dt><dd class="sev">{{.Severity}}</dd>
<dt>Resource</dt><dd><code>{{.Resource}}</code></dd>
<dt>Finding</dt><dd>{{.Finding}}</dd>
{{- range .Locations}}
<dt>Location</dt><dd><code>{{.}}</code></dd>
{{- end}}
{{- if .Remediation}}
<dt>Remediation</dt><dd>{{.Remediation}}</dd>
{{- end}}
{{- if .References}}
<dt>References</dt><dd>{{range $i, $ref := .References}}{{if $i}}, {{end}}{{if isURL $ref}}<a href="{{$ref}}">{{$ref}}</a>{{else}}{{$ref}}{{end}}{{end}}</dd>
{{- end}}
</dl>
{{- if .Evidence}}
<table class="evidence">
<tbody>
{{- range .Evidence}}
<tr><th>{{.Key}}</th><td>{{if .Table}}<table><thead><tr>{{range .Table.Columns}}<th>{{.}}</th>{{end}}</tr></thead><tbody>{{range .Table.Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>{{else}}{{.Text}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
</article>
{{end}}`
