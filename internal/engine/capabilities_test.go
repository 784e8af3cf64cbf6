package engine

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

const capabilitiesPath = "../../policies/capabilities.json"

// policies/capabilities.json lets the stock `opa check --capabilities` (and editors) know the
// built-ins hybridcheck gives policies: OPA's own minus the network ones, plus hybridcheck's.
func TestCapabilitiesFileIsCurrent(t *testing.T) {
	want, err := json.MarshalIndent(Capabilities(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile(capabilitiesPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(capabilitiesPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date; run: go test ./internal/engine -run Capabilities -update", capabilitiesPath)
	}
}
