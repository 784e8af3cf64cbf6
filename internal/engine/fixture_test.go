package engine

import (
	"flag"
	"os"
	"testing"

	"github.com/open-policy-agent/opa/v1/format"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

var update = flag.Bool("update", false, "regenerate golden files and policies/test/fixture_test.rego")

const fixturePath = "../../policies/test/fixture_test.rego"

// The Rego tests build their cases by patching the compliant reference snapshot, so the
// fixture package is generated from snapshots/reference-compliant.json and must not drift.
func TestPolicyFixtureIsCurrent(t *testing.T) {
	want := fixtureSource(t)
	golden.Check(t, fixturePath, want, *update, "go test ./internal/engine -run Fixture -update")
}

func fixtureSource(t *testing.T) []byte {
	t.Helper()
	ref, err := os.ReadFile("../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	src := "# Generated from snapshots/reference-compliant.json by internal/engine's TestPolicyFixtureIsCurrent\n" +
		"# (go test ./internal/engine -run Fixture -update). Do not edit.\n" +
		"package hybridcheck.test.fixture\n\n# without_device is the compliant estate with no device export: on-prem checks do not apply.\n" +
		"without_device := object.remove(compliant, [\"devices\"])\n\n" +
		"# compliant is the seed's example architecture (VGW, static routing, SSM) done right.\ncompliant := " + string(ref)
	out, err := format.Source("fixture.rego", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
