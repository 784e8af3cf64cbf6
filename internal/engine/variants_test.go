package engine

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"sigs.k8s.io/yaml"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// The four variants of the seed's architecture (issue 5): VGW/static/SSM is the reference
// itself (snapshots/reference-compliant.json, through its generated Rego twin); the others are derived from it in policies/test/variants_test.rego. Each is a valid
// snapshot whose intent is the example intent in testdata/intents, and every catalog check
// passes or is not_applicable on it.
func TestEveryVariantIsCompliant(t *testing.T) {
	variants := map[string]string{ // Rego variant -> example intent file
		"compliant":        "vgw-static-ssm.yaml",
		"tgw_bgp":          "tgw-bgp-ssm.yaml",
		"tgw_vti_bgp":      "tgw-bgp-ssm.yaml",
		"tgw_static_iamra": "tgw-static-iamra.yaml",
		"direct_connect":   "direct-connect.yaml",
	}
	// Each variant managed from Palette SaaS too (variants_test.rego's palette_saas: intent
	// management palette-saas and the device rules HN-EGR-02 needs), so HN-EGR-02 passes on
	// every connectivity variant rather than only being not_applicable.
	for _, name := range slices.Collect(maps.Keys(variants)) {
		variants[name+"+palette-saas"] = variants[name]
	}
	docs := variantDocuments(t)
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	for name, intentFile := range variants {
		palette := strings.HasSuffix(name, "+palette-saas")
		t.Run(name, func(t *testing.T) {
			doc, ok := docs[name]
			if !ok {
				t.Fatalf("variant %s not found", name)
			}
			l := fixture.Parse(t, name, doc)
			raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "intents", intentFile))
			if err != nil {
				t.Fatal(err)
			}
			var want snapshot.Intent
			if err := yaml.UnmarshalStrict(raw, &want); err != nil {
				t.Fatalf("%s: %v", intentFile, err)
			}
			if palette {
				want.Management = "palette-saas"
			}
			if !reflect.DeepEqual(l.Snapshot.Intent, &want) {
				t.Fatalf("the variant's intent differs from testdata/intents/%s:\n got %+v\nwant %+v", intentFile, l.Snapshot.Intent, want)
			}
			rep, err := e.Check(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, r := range rep.Results {
				seen[r.ID] = true
				if r.Status == result.Fail || r.Status == result.Error {
					t.Errorf("%s %s on %s: %s", r.ID, r.Status, r.Resource, r.Message)
				}
			}
			for _, c := range e.Checks() {
				if !seen[c.ID] {
					t.Errorf("%s yielded no result", c.ID)
				}
			}
			if egr02 := statuses(rep.Results, "HN-EGR-02"); palette && (egr02[result.Pass] != 20 || len(egr02) != 1) {
				t.Errorf("HN-EGR-02 with palette-saas: %v, want 20 passes (19 domains and the addresses)", egr02)
			} else if !palette && (egr02[result.NotApplicable] != 1 || len(egr02) != 1) {
				t.Errorf("HN-EGR-02 without palette-saas: %v, want not_applicable", egr02)
			}
		})
	}
}

// statuses counts the results of one check by status.
func statuses(results []result.Result, id string) map[result.Status]int {
	out := map[result.Status]int{}
	for _, r := range results {
		if r.ID == id {
			out[r.Status]++
		}
	}
	return out
}

// variantDocuments evaluates the Rego test fixtures that hold the variants.
func variantDocuments(t *testing.T) map[string]any {
	t.Helper()
	set, err := loadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	modules := map[string]*ast.Module{}
	for k, m := range set.modules {
		modules[k] = m
	}
	for k, m := range set.tests {
		modules[k] = m
	}
	c, err := compile(modules)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Query(`base := {"compliant": data.hybridcheck.test.fixture.compliant, "tgw_bgp": data.hybridcheck.test.variants.tgw_bgp, "tgw_vti_bgp": data.hybridcheck.test.variants.tgw_vti_bgp, "tgw_static_iamra": data.hybridcheck.test.variants.tgw_static_iamra, "direct_connect": data.hybridcheck.test.variants.direct_connect}; `+
		`x := object.union(base, {sprintf("%s+palette-saas", [k]): data.hybridcheck.test.variants.palette_saas(v) | some k, v in base})`),
		rego.Compiler(c)).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluating the variants: %v", err)
	}
	docs := rs[0].Bindings["x"].(map[string]any)
	return docs
}
