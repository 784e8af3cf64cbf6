package path

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

var update = flag.Bool("update", false, "rewrite testdata/variants from policies/test/variants_test.rego")

// variantNames are the seed architecture's variants the Rego tests derive from the compliant
// reference (policies/test/variants_test.rego); testdata/variants holds each as a snapshot
// file so that trace can be run on them and the tests here can load them.
var variantNames = []string{"tgw_bgp", "tgw_vti_bgp", "tgw_static_iamra", "direct_connect"}

func variantFile(name string) string {
	return filepath.Join("..", "..", "testdata", "variants", name+".json")
}

// TestVariantFilesMatchRego: the files are exactly what the Rego fixture derives (regenerate
// with go test ./internal/path -run VariantFiles -update).
func TestVariantFilesMatchRego(t *testing.T) {
	for _, name := range variantNames {
		rs, err := rego.New(rego.Query("x := data.hybridcheck.test.variants."+name),
			rego.Load([]string{"../../policies/test/fixture_test.rego", "../../policies/test/locate_test.rego", "../../policies/test/variants_test.rego"}, nil)).Eval(context.Background())
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := json.MarshalIndent(rs[0].Bindings["x"], "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if *update {
			if err := os.WriteFile(variantFile(name), want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(variantFile(name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from policies/test/variants_test.rego; run go test ./internal/path -run VariantFiles -update", variantFile(name))
		}
		if _, err := snapshot.Parse(name, got); err != nil {
			t.Errorf("%s is not a valid snapshot: %v", name, err)
		}
	}
}
