package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// TestHTMLMatchesTemplate renders reports through the reference template and through HTML
// and compares the bytes: the golden report, the same with hostile text in every field, the
// corner cases a report can hit (nothing failed, nothing unknown, no waiver, a waived result
// without its waiver) and the reference snapshots as the engine checks them. The golden files
// pin today's page; this test keeps the two renderers equal for reports no golden file holds.
func TestHTMLMatchesTemplate(t *testing.T) {
	reports := map[string]*result.Report{
		"golden":  goldenReport(),
		"hostile": hostileReport(),
		"empty":   {},
	}
	clean := goldenReport()
	var kept []result.Result
	for _, x := range clean.Results {
		if x.Status == result.Pass || x.Status == result.NotApplicable {
			kept = append(kept, x)
		}
	}
	clean.Results, clean.Notes = kept, nil
	clean.Summary = result.Summarize(kept)
	reports["compliant"] = clean
	bare := goldenReport()
	for i := range bare.Results {
		bare.Results[i].Waiver = nil
		bare.Results[i].References = []string{"CIS 4.1", "http://example.com/a b"}
	}
	reports["waiver without details"] = bare
	for name, rep := range referenceReports(t) {
		reports[name] = rep
	}
	for name, rep := range reports {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := referenceHTMLTemplate.Execute(&want, newHTMLData(rep)); err != nil {
				t.Fatal(err)
			}
			got := render(t, HTML{}, rep, Options{})
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("HTML differs from the reference template %s", difference(string(got), want.String()))
			}
		})
	}
}

// referenceReports are the project's reference snapshots as the engine checks them.
func referenceReports(t *testing.T) map[string]*result.Report {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]*result.Report{}
	for _, name := range []string{"reference-compliant", "reference-broken"} {
		loaded, err := snapshot.Load(filepath.Join("..", "..", "snapshots", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), loaded)
		if err != nil {
			t.Fatal(err)
		}
		reports[name] = rep
	}
	return reports
}

// hostileReport is the golden report with markup, quotes, plus signs, NUL bytes and invalid
// UTF-8 in every text a report carries, and references that need percent-encoding.
func hostileReport() *result.Report {
	const bad = ` <b x='1' y="2">&amp; a+b</b>` + "\x00\xff"
	h := func(s string) string { return s + bad }
	rep := goldenReport()
	for i := range rep.Results {
		x := &rep.Results[i]
		x.ID, x.Title, x.Resource, x.Message, x.Remediation, x.Area = h(x.ID), h(x.Title), h(x.Resource), h(x.Message), h(x.Remediation), h(x.Area)
		x.References = []string{"https://example.com/" + bad, h("CIS 1.2")}
		if x.Evidence != nil {
			x.Evidence[h("key")] = map[string]any{h("field"): h("value")}
			x.Evidence[h("list")] = []any{map[string]any{h("column"): h("cell")}}
		}
		if x.Waiver != nil {
			x.Waiver = &result.WaiverInfo{Justification: h(x.Waiver.Justification), ApprovedBy: h(x.Waiver.ApprovedBy), Expires: h(x.Waiver.Expires)}
		}
	}
	for i := range rep.Checks {
		c := &rep.Checks[i]
		c.ID, c.Title = h(c.ID), h(c.Title)
	}
	s := &rep.Snapshot
	s.Path, s.CollectedAt, s.ToolVersion, s.SchemaVersion = h(s.Path), h(s.CollectedAt), h(s.ToolVersion), h(s.SchemaVersion)
	for i := range s.Sources {
		src := &s.Sources[i]
		src.ID, src.Kind, src.Location, src.Status, src.Error = h(src.ID), h(src.Kind), h(src.Location), h(src.Status), h(src.Error)
	}
	rep.Scope.Cluster, rep.Scope.VPCID = h(rep.Scope.Cluster), h(rep.Scope.VPCID)
	rep.Scope.NodeCIDRs = append(rep.Scope.NodeCIDRs, h("10.9.0.0/16"))
	rep.Notes = append(rep.Notes, h("note"))
	rep.Summary = result.Summarize(rep.Results)
	return rep
}

// difference says where got first differs from want and quotes both around that byte, for a
// readable failure of a byte-for-byte comparison.
func difference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	around := func(s string) string { return strings.ToValidUTF8(s[max(0, i-80):min(len(s), i+80)], "?") }
	return fmt.Sprintf("at byte %d:\n got: %q\nwant: %q", i, around(got), around(want))
}

// referenceHTMLTemplate is the HTML report as it was written with html/template, kept here as
// the reference the plain-Go renderer (html.go) must reproduce byte for byte
// (TestHTMLMatchesTemplate). html/template may not be linked into the binary (it keeps every
// exported method of every type; see HTML), but tests may use it. A change to the report's
// markup changes both: this template first, then html.go until the test passes.
var referenceHTMLTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"area":  result.AreaTitle,
	"label": statusLabel,
	"isURL": isURL,
	// anchor is stable across runs and unique even when a check reports one resource twice.
	"anchor": findingAnchor,
	// The path diagram is compared on its own (diagram_reference_test.go); here it is placed.
	"raw": func(s string) template.HTML { return template.HTML(s) },
}).Parse(referenceHTMLSource + referenceHTMLFindingSource))

// The style sheet is html.go's own: this reference pins the markup, not the CSS text.
var referenceHTMLSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hybridcheck report: {{.Snapshot.Path}}</title>
<style>
` + htmlCSS + `</style>
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
{{if .Paths}}
{{raw .Paths}}{{end}}
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

// referenceHTMLFindingSource renders one failing or unknown result.
const referenceHTMLFindingSource = `{{define "finding"}}<article class="finding {{.Status}}" id="{{anchor .ID .Resource .Message}}">
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
