package engine

import (
	"encoding/json"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/golden"
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
	golden.Check(t, capabilitiesPath, want, *update, "go test ./internal/engine -run Capabilities -update")
}
