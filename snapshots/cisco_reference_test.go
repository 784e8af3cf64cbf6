package snapshots_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/policies"
)

// The seed's reference device written by hand as IOS-XE (testdata/reference/cisco): one
// config for the VGW/static estate of reference-compliant.json and one for the TGW/BGP
// variant (policies/test/variants_test.rego), each imported with the snapshot's salt in place
// of the pfSense device. Every check passes or does not apply, none is unknown; the broken copy
// fails exactly the checks its defects document.
const ciscoReference = "../testdata/reference/cisco"

// withCiscoDevice replaces the estate's device (and its source) by the import of file.
func withCiscoDevice(t *testing.T, doc map[string]any, file string) map[string]any {
	t.Helper()
	salt, _ := doc["fingerprint_salt"].(string)
	dev, src, err := device.Import("cisco-ios", filepath.Join(ciscoReference, file), salt)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Warnings) > 0 {
		t.Fatalf("%s imports with warnings: %v", file, src.Warnings)
	}
	return fixture.WithDevice(t, doc, dev, src)
}

// tgwBGPDoc is the TGW/BGP variant of the reference, as the Rego fixtures derive it.
func tgwBGPDoc(t *testing.T) map[string]any {
	t.Helper()
	opts := []func(*rego.Rego){rego.Query("data.hybridcheck.test.variants.tgw_bgp")}
	for _, f := range []string{"test/fixture_test.rego", "test/locate_test.rego", "test/variants_test.rego"} {
		src, err := fs.ReadFile(policies.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, rego.Module(f, string(src)))
	}
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil || len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("evaluating the tgw_bgp variant: %v", err)
	}
	return rs[0].Expressions[0].Value.(map[string]any)
}

// ciscoStatuses runs every check and returns the IDs by status (fail and error count as fail).
func ciscoStatuses(t *testing.T, eng *engine.Engine, doc map[string]any) map[string][]string {
	t.Helper()
	rep, err := eng.Check(context.Background(), fixture.Parse(t, "cisco-estate.json", doc))
	if err != nil {
		t.Fatal(err)
	}
	by := map[result.Status]map[string]bool{}
	for _, r := range rep.Results {
		// The end-to-end path checks fail with every defect on their flow's path; which
		// defect stops which flow at which hop is internal/path's test.
		if strings.HasPrefix(r.ID, "HN-PATH-") && r.Status == result.Fail {
			continue
		}
		st := r.Status
		if st == result.Error {
			st = result.Fail
		}
		if st == result.Fail || st == result.Unknown {
			t.Logf("%s %s on %s: %s", r.ID, r.Status, r.Resource, r.Message)
		}
		if by[st] == nil {
			by[st] = map[string]bool{}
		}
		by[st][r.ID] = true
	}
	out := map[string][]string{}
	for st, ids := range by {
		for id := range ids {
			out[string(st)] = append(out[string(st)], id)
		}
		sort.Strings(out[string(st)])
	}
	return out
}

func TestCiscoReferenceEstates(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Now: checkTime})
	if err != nil {
		t.Fatal(err)
	}
	estates := []struct {
		name, file string
		doc        func(*testing.T) map[string]any
	}{
		{"VGW/static", "edge-rtr-vgw.cfg", compliantDoc},
		{"TGW/BGP", "edge-rtr-tgw-bgp.cfg", tgwBGPDoc},
	}
	for _, e := range estates {
		t.Run(e.name, func(t *testing.T) {
			st := ciscoStatuses(t, eng, withCiscoDevice(t, e.doc(t), e.file))
			if len(st[string(result.Fail)]) > 0 || len(st[string(result.Unknown)]) > 0 {
				t.Errorf("%s: failing %v, unknown %v; want every check to pass or not apply", e.file, st[string(result.Fail)], st[string(result.Unknown)])
			}
			if len(st[string(result.Pass)]) < 40 {
				t.Errorf("only %d checks pass: %v", len(st[string(result.Pass)]), st[string(result.Pass)])
			}
		})
	}
}

func TestCiscoReferenceBrokenCopyFailsItsDefects(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Now: checkTime})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range fixture.ReadDefects(t, filepath.Join(ciscoReference, "defects.json")) {
		want = append(want, d.Check)
	}
	sort.Strings(want)
	st := ciscoStatuses(t, eng, withCiscoDevice(t, compliantDoc(t), "edge-rtr-vgw-broken.cfg"))
	if strings.Join(st[string(result.Fail)], ",") != strings.Join(want, ",") || len(st[string(result.Unknown)]) > 0 {
		t.Errorf("the broken copy fails %v (unknown %v), want exactly the documented %v", st[string(result.Fail)], st[string(result.Unknown)], want)
	}
}
