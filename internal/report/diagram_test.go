package report

import (
	"strings"
	"testing"
)

// The diagram marks, for each failing flow of the broken reference, exactly one stop hop: the
// one its HN-PATH result names; a passing flow has none; without path results there is no
// diagram at all.
func TestPathDiagramStops(t *testing.T) {
	rep := brokenReferenceReport(t)
	want := map[string]string{"kubelet": "aws-nacl", "node-to-control-plane": "device-nat", "pod-to-control-plane": "device-nat", "webhook": "aws-route", "credentials": ""}
	flows := diagramFlows(rep.Results)
	if len(flows) != len(want) {
		t.Fatalf("%d flows drawn, want %d", len(flows), len(want))
	}
	for _, f := range flows {
		var stops []string
		for _, h := range f.Hops {
			if h.Stop {
				stops = append(stops, h.Kind)
				if h.Verdict != "drop" {
					t.Errorf("%s: stop hop %s is %s", f.Name, h.Kind, h.Verdict)
				}
			}
		}
		if w := want[f.Name]; strings.Join(stops, ",") != w {
			t.Errorf("%s stops at %v, want %q", f.Name, stops, w)
		}
	}
	page := string(render(t, HTML{}, rep, Options{}))
	for _, s := range []string{`<svg id="path-diagram"`, `data-stop="true"`, "<title>network ACL of subnet-01fb42f5764dcf18e", `class="path-captions"`} {
		if !strings.Contains(page, s) {
			t.Errorf("the HTML report lacks %q", s)
		}
	}
	if html := string(render(t, HTML{}, goldenReport(), Options{})); strings.Contains(html, "path-diagram") {
		t.Error("a report without path results has a diagram")
	}
}
