package path

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// viaJSON is the trace's Rego value the way it was built before traceFields: through its
// JSON form.
func viaJSON(t *testing.T, tr *Trace) ast.Value {
	t.Helper()
	var m map[string]any
	if err := roundTrip(tr, &m); err != nil {
		t.Fatal(err)
	}
	v, err := ast.InterfaceToValue(m)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func assertSameValue(t *testing.T, what string, tr *Trace) {
	t.Helper()
	got, want := ast.NewObject(traceFields(nil, tr)...), viaJSON(t, tr)
	if got.Compare(want) != 0 || got.String() != want.String() {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// TestTraceValueMatchesItsJSONForm: the path built-in's value of every seed flow's trace, on
// the references and the variants, is the value its JSON form decodes to.
func TestTraceValueMatchesItsJSONForm(t *testing.T) {
	files := []string{repoFile("snapshots", "reference-compliant.json"), repoFile("snapshots", "reference-broken.json")}
	for _, name := range variantNames {
		files = append(files, variantFile(name))
	}
	for _, file := range files {
		for name, tr := range traceAll(t, network(t, loadSnapshot(t, file))) {
			assertSameValue(t, file+" "+name, tr)
		}
	}
}

// TestTraceValueEdgeCases: omitted and null fields, large and negative numbers and invalid
// UTF-8 come out as their JSON form has them.
func TestTraceValueEdgeCases(t *testing.T) {
	icmp := 8
	for name, tr := range map[string]*Trace{
		"empty":              {},
		"nil vs empty lists": {Flow: Flow{Sources: []string{}, Destinations: []string{}}, Hops: []Hop{{Pieces: []Piece{{}}}}},
		"numbers":            {Flow: Flow{Name: "n", Port: 1234567, ICMPType: &icmp}, FirstStop: -1},
		"huge":               {Flow: Flow{Port: 1 << 62}, FirstStop: 1e6},
		"full": {Flow: Flow{Description: "d", Protocol: "tcp", Sources: []string{"10.0.0.0/8"}, DestinationNames: []string{"eks"}},
			Verdict: Drop, NotApplicable: "why", Hops: []Hop{{Kind: KindAWSSG, Location: "l", Verdict: Pass,
				Pieces: []Piece{{CIDRs: []string{"10.0.0.0/9"}, Verdict: Unknown, Evidence: "e"}}}}},
		"invalid utf-8": {Flow: Flow{Description: "a\xffb\xfe\xfd", Sources: []string{"\xc3"}}, Hops: []Hop{{Evidence: "ok \xe2\x82"}}},
	} {
		assertSameValue(t, name, tr)
	}
}
