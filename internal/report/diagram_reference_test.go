package report

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestDiagramMatchesTemplate holds the plain-Go path diagram to the html/template it replaced
// (kept here as the reference), byte for byte, on the reference snapshots' reports and on
// hostile text in every field the diagram prints.
func TestDiagramMatchesTemplate(t *testing.T) {
	reports := referenceReports(t)
	hostile := referenceReports(t)["reference-broken"]
	for i := range hostile.Results {
		r := &hostile.Results[i]
		if strings.HasPrefix(r.ID, "HN-PATH-") {
			r.Resource = `<b>"x"&'y'+` + r.Resource
			r.Message += ` <script>alert("m")</script> & +`
		}
	}
	reports["hostile"] = hostile
	flowsSeen := 0
	for name, rep := range reports {
		flows := diagramFlows(rep.Results)
		flowsSeen += len(flows)
		var want bytes.Buffer
		if len(flows) > 0 {
			err := referenceDiagramTemplate.Execute(&want, map[string]any{
				"Flows": flows, "Stages": diagramStages, "Labels": stageLabels(flows), "Left": diagramLeft, "Step": diagramStep,
				"Width": diagramWidth, "Height": diagramTop + len(flows)*diagramRow + 10,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := pathDiagram(rep.Results); got != want.String() {
			t.Errorf("%s: the path diagram differs from the reference template %s", name, difference(got, want.String()))
		}
	}
	if flowsSeen == 0 {
		t.Fatal("no report had path results: the comparison proved nothing")
	}
}

var referenceDiagramTemplate = template.Must(template.New("diagram").Funcs(template.FuncMap{
	"x":         func(stage int) int { return diagramLeft + stage*diagramStep + diagramStep/2 },
	"y":         func(row int) int { return diagramTop + row*diagramRow + diagramRow/2 },
	"add":       func(a, b int) int { return a + b },
	"hasSuffix": strings.HasSuffix,
	"mul":       func(a, b int) int { return a * b },
	"stageColor": func(site string) string {
		if site == "aws" {
			return "#fff4e5"
		}
		return "#e8f0fe"
	},
}).Parse(`<section id="paths">
<style>@media print { @page { size: A4; } #paths { break-inside: avoid; } #path-diagram { max-width: 100% !important; } }</style>
<h2>End-to-end paths</h2>
<p>Each seed flow followed hop by hop across AWS and the device (HN-PATH checks; <code>hybridcheck trace --flow all</code> prints the same): green where it gets through, red at the hop that drops it, amber where the snapshot cannot decide. Hover a hop for the rule, route or tunnel that decides it.</p>
<svg id="path-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="hybrid network paths" viewBox="0 0 {{.Width}} {{.Height}}" width="100%" style="max-width:{{.Width}}px">
<rect x="{{.Left}}" y="0" width="{{mul 5 .Step}}" height="{{.Height}}" fill="#fff4e5"/>
<rect x="{{add .Left (mul 5 .Step)}}" y="0" width="{{mul 4 .Step}}" height="{{.Height}}" fill="#e8f0fe"/>
<text x="{{add .Left 6}}" y="16" font-size="13" font-weight="600">AWS: cluster VPC</text>
<text x="{{add .Left (add (mul 5 .Step) 6)}}" y="16" font-size="13" font-weight="600">On premises: the device</text>
{{- range $i, $s := .Stages}}
<text x="{{x $i}}" y="34" font-size="10" text-anchor="middle" font-weight="600">{{$s.Title}}</text>
{{- range $j, $l := index $.Labels $i}}
<text class="stage-label" x="{{x $i}}" y="{{add 46 (mul $j 10)}}" font-size="8" text-anchor="middle"{{if hasSuffix $l " DOWN"}} fill="#b3261e"{{end}}>{{$l}}</text>
{{- end}}
{{- end}}
{{- range $row, $f := .Flows}}
<g class="flow" data-flow="{{$f.Name}}" data-check="{{$f.Check}}" data-verdict="{{$f.Verdict}}">
<text x="4" y="{{add (y $row) 4}}" font-size="11">{{$f.Name}}</text>
{{- $prev := -1}}{{- $broken := false}}
{{- range $f.Hops}}
{{- if ge $prev 0}}<line x1="{{x $prev}}" y1="{{y $row}}" x2="{{x .Stage}}" y2="{{y $row}}" stroke="{{if $broken}}#9aa0a6{{else}}#1b6e20{{end}}" stroke-width="3"{{if $broken}} stroke-dasharray="4 3"{{end}}/>{{end}}
<circle class="hop hop-{{.Verdict}}" data-flow="{{$f.Name}}" data-kind="{{.Kind}}" data-verdict="{{.Verdict}}"{{if .Stop}} data-stop="true"{{end}} cx="{{x .Stage}}" cy="{{y $row}}" r="{{if .Stop}}9{{else}}7{{end}}" fill="{{if eq .Verdict "drop"}}#b3261e{{else if eq .Verdict "unknown"}}#c98a00{{else}}#1b6e20{{end}}"><title>{{.Evidence}}</title></circle>
{{- if .Stop}}{{$broken = true}}{{end}}{{$prev = .Stage}}
{{- end}}
</g>
{{- end}}
</svg>
<ol class="path-captions">
{{- range .Flows}}
<li data-flow="{{.Name}}"><code>{{.Check}}</code> <b>{{.Name}}</b>: <span class="status status-{{if eq .Verdict "fail"}}fail{{else if eq .Verdict "pass"}}pass{{else}}unknown{{end}}">{{.Verdict}}</span> — {{.Caption}}</li>
{{- end}}
</ol>
</section>
`))
