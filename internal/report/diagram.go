package report

import (
	"encoding/json"
	"fmt"
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
		f := diagramFlow{Name: name, Check: r.ID, Verdict: string(r.Status), Caption: r.Message}
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

// pathDiagram is the section, empty when the report has no path results. It is written with
// plain Go and htmlEsc, as the rest of the page (html.go says why); diagram_reference_test.go
// holds it byte for byte to the html/template it replaced.
func pathDiagram(results []result.Result) string {
	flows := diagramFlows(results)
	if len(flows) == 0 {
		return ""
	}
	labels := stageLabels(flows)
	height := diagramTop + len(flows)*diagramRow + 10
	x := func(stage int) int { return diagramLeft + stage*diagramStep + diagramStep/2 }
	y := func(row int) int { return diagramTop + row*diagramRow + diagramRow/2 }
	var b strings.Builder
	b.WriteString(diagramIntro)
	fmt.Fprintf(&b, `<svg id="path-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="hybrid network paths" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx">`+"\n", diagramWidth, height, diagramWidth)
	fmt.Fprintf(&b, `<rect x="%d" y="0" width="%d" height="%d" fill="#fff4e5"/>`+"\n", diagramLeft, 5*diagramStep, height)
	fmt.Fprintf(&b, `<rect x="%d" y="0" width="%d" height="%d" fill="#e8f0fe"/>`+"\n", diagramLeft+5*diagramStep, 4*diagramStep, height)
	fmt.Fprintf(&b, `<text x="%d" y="16" font-size="13" font-weight="600">AWS: cluster VPC</text>`+"\n", diagramLeft+6)
	fmt.Fprintf(&b, `<text x="%d" y="16" font-size="13" font-weight="600">On premises: the device</text>`, diagramLeft+5*diagramStep+6)
	for i, st := range diagramStages {
		fmt.Fprintf(&b, "\n"+`<text x="%d" y="34" font-size="10" text-anchor="middle" font-weight="600">%s</text>`, x(i), htmlEsc(st.Title))
		for j, l := range labels[i] {
			fill := ""
			if strings.HasSuffix(l, " DOWN") {
				fill = ` fill="#b3261e"`
			}
			fmt.Fprintf(&b, "\n"+`<text class="stage-label" x="%d" y="%d" font-size="8" text-anchor="middle"%s>%s</text>`, x(i), 46+j*10, fill, htmlEsc(l))
		}
	}
	for row, f := range flows {
		fmt.Fprintf(&b, "\n"+`<g class="flow" data-flow="%s" data-check="%s" data-verdict="%s">`+"\n", htmlEsc(f.Name), htmlEsc(f.Check), htmlEsc(f.Verdict))
		fmt.Fprintf(&b, `<text x="4" y="%d" font-size="11">%s</text>`, y(row)+4, htmlEsc(f.Name))
		prev, broken := -1, false
		for _, h := range f.Hops {
			if prev >= 0 {
				stroke, dash := "#1b6e20", ""
				if broken {
					stroke, dash = "#9aa0a6", ` stroke-dasharray="4 3"`
				}
				fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"%s/>`, x(prev), y(row), x(h.Stage), y(row), stroke, dash)
			}
			stop, r := "", 7
			if h.Stop {
				stop, r = ` data-stop="true"`, 9
			}
			fmt.Fprintf(&b, "\n"+`<circle class="hop hop-%s" data-flow="%s" data-kind="%s" data-verdict="%s"%s cx="%d" cy="%d" r="%d" fill="%s"><title>%s</title></circle>`,
				htmlEsc(h.Verdict), htmlEsc(f.Name), htmlEsc(h.Kind), htmlEsc(h.Verdict), stop, x(h.Stage), y(row), r, hopColor(h.Verdict), htmlEsc(h.Evidence))
			broken = broken || h.Stop
			prev = h.Stage
		}
		b.WriteString("\n</g>")
	}
	b.WriteString("\n</svg>\n<ol class=\"path-captions\">")
	for _, f := range flows {
		fmt.Fprintf(&b, "\n"+`<li data-flow="%s"><code>%s</code> <b>%s</b>: <span class="status status-%s">%s</span> — %s</li>`,
			htmlEsc(f.Name), htmlEsc(f.Check), htmlEsc(f.Name), captionStatus(f.Verdict), htmlEsc(f.Verdict), htmlEsc(f.Caption))
	}
	b.WriteString("\n</ol>\n</section>\n")
	return b.String()
}

const diagramIntro = `<section id="paths">
<style>@media print { @page { size: A4; } #paths { break-inside: avoid; } #path-diagram { max-width: 100% !important; } }</style>
<h2>End-to-end paths</h2>
<p>Each seed flow followed hop by hop across AWS and the device (HN-PATH checks; <code>hybridcheck trace --flow all</code> prints the same): green where it gets through, red at the hop that drops it, amber where the snapshot cannot decide. Hover a hop for the rule, route or tunnel that decides it.</p>
`

func hopColor(verdict string) string {
	switch verdict {
	case "drop":
		return "#b3261e"
	case "unknown":
		return "#c98a00"
	}
	return "#1b6e20"
}

func captionStatus(verdict string) string {
	switch verdict {
	case "fail":
		return "fail"
	case "pass":
		return "pass"
	}
	return "unknown"
}
