package report

import (
	"html/template"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// HTML is the auditor's report: one self-contained page (inline CSS, no script, nothing
// fetched) with the summary, the pass/fail matrix of every catalog check, the failures with
// evidence and remediation, the waivers and the snapshot's provenance. It prints on paper.
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
	// Paths is the end-to-end path diagram (diagram.go), empty without HN-PATH results.
	Paths template.HTML
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
	var err error
	if d.Paths, err = pathDiagram(r.Results); err != nil {
		return err
	}
	return htmlTemplate.Execute(w, d)
}

func newHTMLFinding(x result.Result) htmlFinding {
	return htmlFinding{Result: x, Locations: evidenceLocations(x.Evidence), Evidence: evidenceBesideLocations(x.Evidence)}
}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"area":  areaTitle,
	"label": statusLabel,
	"isURL": func(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") },
	// anchor is stable across runs and unique even when a check reports one resource twice.
	"anchor": func(id, resource, message string) string { return "f-" + Fingerprint(id, resource+"\x00"+message)[:16] },
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

{{.Paths}}
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
<dt>Finding</dt><dd>{{.Message}}</dd>
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
<pre class="evidence">{{range .Evidence}}{{.Key}}: {{.Value}}
{{end}}</pre>
{{- end}}
</article>
{{end}}`
