package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// The path diagram: the hybrid network drawn as the stages a packet crosses, AWS on the left
// and the device on the right, with each seed flow of the HN-PATH checks as one row: green
// where it gets through, red from the hop that drops it, amber where the snapshot cannot
// decide. Each hop's deciding rule is its tooltip and, for print, the caption. It is built
// from the HN-PATH results alone (their evidence is the hop list), inline SVG, no script.

// diagramStage is a column: the hop kinds that sit there.
type diagramStage struct {
	Title, Site string
	Kinds       []string
}

var diagramStages = []diagramStage{
	{"Security groups", "aws", []string{"aws-sg"}},
	{"Network ACLs", "aws", []string{"aws-nacl"}},
	{"Route tables", "aws", []string{"aws-route"}},
	{"VGW / TGW", "aws", []string{"aws-gateway"}},
	{"VPN / DX", "aws", []string{"aws-vpn", "aws-dx"}},
	{"IPsec / VTI", "onprem", []string{"device-ipsec"}},
	{"Firewall", "onprem", []string{"device-firewall"}},
	{"NAT", "onprem", []string{"device-nat"}},
	{"Routes", "onprem", []string{"device-route"}},
}

type diagramHop struct {
	Stage    int
	Resource string
	Verdict  string
	Stop     bool
	Kind     string
	Evidence string
}

type diagramFlow struct {
	Name, Check, Verdict, Caption string
	Hops                          []diagramHop
}

func stageOf(kind string) int {
	for i, s := range diagramStages {
		for _, k := range s.Kinds {
			if k == kind {
				return i
			}
		}
	}
	return -1
}

// diagramFlows reads the HN-PATH results: failing and unknown ones carry their hops in the
// evidence; passing ones name their hop kinds in the message.
func diagramFlows(results []result.Result) []diagramFlow {
	var flows []diagramFlow
	for _, r := range results {
		if !strings.HasPrefix(r.ID, "HN-PATH-") || r.Status == result.NotApplicable {
			continue
		}
		name, _, _ := strings.Cut(r.Resource, ":")
		f := diagramFlow{Name: name, Check: r.ID, Verdict: r.Status, Caption: r.Message}
		if hops, ok := r.Evidence["trace"].([]any); ok {
			f.Hops = tracedHops(hops, r.Evidence["first_stop"])
		} else if _, kinds, ok := strings.Cut(r.Message, " hops: "); ok {
			for _, k := range strings.Split(kinds, ", ") {
				f.Hops = append(f.Hops, diagramHop{Stage: stageOf(k), Verdict: "pass", Kind: k, Evidence: "gets through"})
			}
		}
		f.Hops = byStage(f.Hops)
		flows = append(flows, f)
	}
	sort.Slice(flows, func(i, j int) bool { return flows[i].Check < flows[j].Check })
	return flows
}

func tracedHops(hops []any, firstStop any) []diagramHop {
	stop := -1
	switch n := firstStop.(type) {
	case float64:
		stop = int(n)
	case int:
		stop = n
	case int64:
		stop = int(n)
	case json.Number:
		if v, err := n.Int64(); err == nil {
			stop = int(v)
		}
	}
	var out []diagramHop
	for i, h := range hops {
		m, _ := h.(map[string]any)
		kind, _ := m["kind"].(string)
		verdict, _ := m["verdict"].(string)
		what, _ := m["what"].(string)
		ev, _ := m["evidence"].(string)
		res, _ := m["resource"].(string)
		if dir, _ := m["direction"].(string); dir == "return" {
			what = "reply: " + what
		}
		out = append(out, diagramHop{Stage: stageOf(kind), Verdict: verdict, Stop: i == stop, Kind: kind, Resource: res, Evidence: what + ": " + ev})
	}
	return out
}

// byStage folds a flow's hops into one per stage (the reply's hops join their stage): the
// stage's verdict is the worst of its hops, its tooltip every hop's evidence.
func byStage(hops []diagramHop) []diagramHop {
	rank := map[string]int{"pass": 0, "unknown": 1, "drop": 2}
	var out []diagramHop
	at := map[int]int{}
	for _, h := range hops {
		if h.Stage < 0 {
			continue
		}
		i, ok := at[h.Stage]
		if !ok {
			at[h.Stage] = len(out)
			out = append(out, h)
			continue
		}
		o := &out[i]
		if rank[h.Verdict] > rank[o.Verdict] {
			o.Verdict = h.Verdict
		}
		o.Stop = o.Stop || h.Stop
		if h.Evidence != "gets through" {
			o.Evidence += "\n" + h.Evidence
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Stage < out[j].Stage })
	return out
}

const (
	diagramLeft  = 150
	diagramStep  = 92
	diagramTop   = 80
	diagramRow   = 34
	diagramWidth = diagramLeft + 9*diagramStep + 10
)

var diagramTemplate = template.Must(template.New("diagram").Funcs(template.FuncMap{
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

var tunnelState = regexp.MustCompile(`tunnel (\d+\.\d+\.\d+\.\d+) (UP|DOWN)`)

// stageLabels name, under each stage's title, the resources the traced flows met there as
// collected (the gateway, the VPN with its tunnels' state, the device): the hops of failing
// and unknown flows carry them; passing flows do not, so a compliant report shows titles only.
func stageLabels(flows []diagramFlow) [][]string {
	labels := make([][]string, len(diagramStages))
	seen := map[string]bool{}
	add := func(stage int, text string) {
		if len(text) > 18 {
			text = text[:17] + "…"
		}
		if text == "" || seen[fmt.Sprint(stage, text)] || len(labels[stage]) >= 3 {
			return
		}
		seen[fmt.Sprint(stage, text)] = true
		labels[stage] = append(labels[stage], text)
	}
	for _, f := range flows {
		for _, h := range f.Hops {
			switch h.Kind {
			case "aws-gateway", "device-firewall":
				if f := strings.Fields(h.Resource); len(f) > 0 {
					add(h.Stage, f[0])
				}
			case "aws-vpn", "aws-dx":
				add(h.Stage, h.Resource)
				for _, m := range tunnelState.FindAllStringSubmatch(h.Evidence, -1) {
					add(h.Stage, m[1]+" "+m[2])
				}
			}
		}
	}
	return labels
}

// pathDiagram is the section, empty when the report has no path results.
func pathDiagram(results []result.Result) (template.HTML, error) {
	flows := diagramFlows(results)
	if len(flows) == 0 {
		return "", nil
	}
	var b bytes.Buffer
	err := diagramTemplate.Execute(&b, map[string]any{
		"Flows": flows, "Stages": diagramStages, "Labels": stageLabels(flows), "Left": diagramLeft, "Step": diagramStep,
		"Width": diagramWidth, "Height": diagramTop + len(flows)*diagramRow + 10,
	})
	if err != nil {
		return "", fmt.Errorf("path diagram: %v", err)
	}
	return template.HTML(b.String()), nil // #nosec: rendered by html/template above
}
