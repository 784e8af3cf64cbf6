package snapshots_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/all"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/golden"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

var update = flag.Bool("update", false, "regenerate reference-broken.json from reference-compliant.json and the defects")

var checkTime = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func readDefects(t *testing.T) []fixture.Defect {
	t.Helper()
	return fixture.ReadDefects(t, "../testdata/reference/defects.json")
}

func compliantDoc(t *testing.T) map[string]any {
	t.Helper()
	return fixture.LoadDoc(t, "reference-compliant.json")
}

// failingIDs checks doc and lists the checks it fails beside the end-to-end path checks.
func failingIDs(t *testing.T, eng *engine.Engine, doc map[string]any) []string {
	t.Helper()
	rep, err := eng.Check(context.Background(), fixture.Parse(t, "patched.json", doc))
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(testkit.FailingBesidesPaths(rep)))
}

// Each seeded defect fails exactly its own check, and reference-broken.json (all defects at
// once) is what the defects make of the compliant snapshot.
func TestEachDefectFailsExactlyItsCheck(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Now: checkTime})
	if err != nil {
		t.Fatal(err)
	}
	if ids := failingIDs(t, eng, compliantDoc(t)); len(ids) != 0 {
		t.Fatalf("the compliant reference fails %v", ids)
	}
	broken := compliantDoc(t)
	var want []string
	for _, d := range readDefects(t) {
		doc := compliantDoc(t)
		for _, op := range d.Patch {
			if err := fixture.Apply(doc, op); err != nil {
				t.Fatalf("%s: %v", d.Check, err)
			}
			if err := fixture.Apply(broken, op); err != nil {
				t.Fatalf("%s: %v", d.Check, err)
			}
		}
		if got := failingIDs(t, eng, doc); len(got) != 1 || got[0] != d.Check {
			t.Errorf("defect %q should fail exactly %s, fails %v", d.Defect, d.Check, got)
		}
		want = append(want, d.Check)
	}
	sort.Strings(want)
	if got := failingIDs(t, eng, broken); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("all defects together fail %v, want %v", got, want)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(broken); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "reference-broken.json", buf.Bytes(), *update, "go test ./snapshots -update")
}

// The reference's edge device is the import of testdata/reference/edge-fw.xml (the seed's
// example network as a pfSense config) with the snapshot's salt: regenerate with -update.
func TestReferenceDeviceIsTheImportedSeedExample(t *testing.T) {
	path := testkit.Must(filepath.Abs("reference-compliant.json"))(t)
	s := testkit.Must(snapshot.Load(path))(t).Snapshot
	t.Chdir("..")
	dev, src, err := device.Import("pfsense", "testdata/reference/edge-fw.xml", s.FingerprintSalt)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Warnings) > 0 {
		t.Fatalf("the reference device imports with warnings: %v", src.Warnings)
	}
	want := *s
	want.Devices = []snapshot.Device{*dev}
	var sources []snapshot.Source
	for _, x := range s.Sources {
		if x.Kind != "device" {
			sources = append(sources, x)
		}
	}
	want.Sources = append(sources, src)
	// Out of date: the device differs from importing testdata/reference/edge-fw.xml.
	golden.Check(t, path, testkit.Must(snapshot.Marshal(&want))(t), *update, "go test ./snapshots -update")
}
