package flow

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// TestSharedDeviceIsTheDecodedDevice: the typed device the loader gives (what ShareDevice
// compiles from) is exactly what decoding its Rego value gives, on the references, the
// variants and a synthetic estate, so sharing it cannot change an answer.
func TestSharedDeviceIsTheDecodedDevice(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.json"))
	files = append(files, filepath.Join("..", "..", "snapshots", "reference-compliant.json"),
		filepath.Join("..", "..", "snapshots", "reference-broken.json"))
	var loaded []*snapshot.Loaded
	for _, f := range files {
		loaded = append(loaded, testkit.Must(snapshot.Load(f))(t))
	}
	s := testkit.Must(synth.GenerateShape(loaded[len(loaded)-2].Snapshot, 3, 1, synth.ShapeCluster))(t)
	loaded = append(loaded, fixture.Parse(t, "estate", s))
	n := 0
	for _, l := range loaded {
		devs := l.Value.(ast.Object).Get(ast.InternedTerm("devices")).Value.(*ast.Array)
		for i := range l.Snapshot.Devices {
			var dev snapshot.Device
			if err := decodeAST(devs.Elem(i).Value, &dev); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(dev, l.Snapshot.Devices[i]) {
				t.Errorf("%s device %d: the typed device differs from its decoded Rego value", l.Path, i)
			}
			n++
		}
	}
	if n < len(loaded) {
		t.Fatalf("only %d devices compared", n)
	}
}

// TestShareDeviceCompilesThatValueFromTheTypedDevice: while shared, that very value compiles
// from the typed device (a marked name shows which), and after release it decodes again.
func TestShareDeviceCompilesThatValueFromTheTypedDevice(t *testing.T) {
	l := testkit.Must(snapshot.Load(filepath.Join("..", "..", "snapshots", "reference-compliant.json")))(t)
	v := l.Value.(ast.Object).Get(ast.InternedTerm("devices")).Value.(*ast.Array).Elem(0).Value
	marked := l.Snapshot.Devices[0]
	marked.Name = "typed"
	ResetEvaluatorCache()
	release := ShareDevice(v, &marked)
	if ev := testkit.Must(EvaluatorFor(v))(t); ev.name != "typed" {
		t.Errorf("shared value compiled as %q, want the typed device", ev.name)
	}
	release()
	ResetEvaluatorCache()
	if ev, err := EvaluatorFor(v); err != nil || ev.name != l.Snapshot.Devices[0].Name {
		t.Errorf("after release: %v, %v", ev, err)
	}
}
