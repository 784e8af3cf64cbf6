package report

import (
	"encoding/json"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// TestJSONShape decodes the output back into DESIGN.md's shape.
func TestJSONShape(t *testing.T) {
	rep := goldenReport()
	var got struct {
		Snapshot map[string]any   `json:"snapshot"`
		Summary  map[string]int   `json:"summary"`
		Results  []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(render(t, JSON{}, rep, Options{}), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary["fail"] != rep.Summary.Fail || got.Summary["not_applicable"] != rep.Summary.NotApplicable {
		t.Errorf("summary %v, want %+v", got.Summary, rep.Summary)
	}
	if len(got.Results) != len(rep.Results) {
		t.Fatalf("%d results, want %d", len(got.Results), len(rep.Results))
	}
	for _, key := range []string{"id", "title", "severity", "status", "resource", "message"} {
		if _, ok := got.Results[0][key]; !ok {
			t.Errorf("result lacks %q", key)
		}
	}
	empty := render(t, JSON{}, &result.Report{}, Options{})
	var e map[string]any
	if err := json.Unmarshal(empty, &e); err != nil {
		t.Fatal(err)
	}
	if list, ok := e["results"].([]any); !ok || len(list) != 0 {
		t.Errorf("an empty report has results %v, want []", e["results"])
	}
}
