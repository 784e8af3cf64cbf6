package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

// straightforwardDir keeps the original form of every policy rewritten for speed, at the path
// it has under policies/, with the same package and METADATA.
var straightforwardDir = filepath.Join("testdata", "straightforward")

// straightforwardModules parses the kept originals, keyed by the built-in module each replaces.
func straightforwardModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	out := map[string]*ast.Module{}
	err := filepath.WalkDir(straightforwardDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(straightforwardDir, path)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		out[builtinPrefix+filepath.ToSlash(rel)] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no straightforward policies in %s", straightforwardDir)
	}
	return out
}

// straightforwardEngine is the built-in policy set with each rewritten module swapped for its
// original, compiled and prepared as New does.
func straightforwardEngine(t *testing.T, originals map[string]*ast.Module) *Engine {
	t.Helper()
	set, err := loadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range originals {
		current, ok := set.modules[name]
		if !ok {
			t.Fatalf("%s replaces %s, which is not a built-in policy", m.Package.Location.File, name)
		}
		if current.Package.Path.Compare(m.Package.Path) != 0 {
			t.Fatalf("%s: package %s, but %s is package %s", m.Package.Location.File, m.Package.Path, name, current.Package.Path)
		}
		if current.Equal(m) {
			t.Fatalf("%s is identical to the built-in %s: nothing is compared", m.Package.Location.File, name)
		}
		set.modules[name] = m
	}
	compiler, err := compile(set.modules)
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{set: set, checks: set.checks, builtin: set.checks, compiler: compiler, timeout: 2 * time.Minute, now: benchNow}
	if err := e.prepareGroups(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestOptimisedPoliciesMatchStraightforward holds every policy rewritten for speed to its
// original: on the scale-10 estates grown from both shipped references (compliant, and broken so
// that failures and their evidence are compared too) and on one in which the cluster's pod CIDR
// moved away from the device's, the whole report as JSON must be byte-identical. The
// straightforward engine also evaluates every check in one query on one goroutine, the
// optimised one in parallel groups (parallel_test.go holds the groups to one query alone).
func TestOptimisedPoliciesMatchStraightforward(t *testing.T) {
	originals := straightforwardModules(t)
	optimised, err := New(context.Background(), Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	straightforward := straightforwardEngine(t, originals)
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"reference-compliant@scale10/cluster", estate(t, 10)},
		{"reference-compliant@scale10/account", estateFrom(t, "reference-compliant", 10, synth.ShapeAccount)},
		{"reference-broken@scale10/account", estateFrom(t, "reference-broken", 10, synth.ShapeAccount)},
		{"reference-broken@scale10/cluster", estateFrom(t, "reference-broken", 10, synth.ShapeCluster)},
		// Neither reference makes AWS and the device disagree on the pod CIDRs, so HN-X-02's
		// findings (the rewritten check's own evidence) would go uncompared without this one.
		{"pod-cidr-moved@scale10", podCIDRMoved(t, estate(t, 10))},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := snapshot.Parse(c.name, c.data)
			if err != nil {
				t.Fatal(err)
			}
			want := reportJSON(t, straightforward, l)
			got := reportJSON(t, optimised, l)
			if !bytes.Equal(got, want) {
				t.Fatalf("optimised policies give different results from the straightforward ones:\n%s", firstDifference(got, want))
			}
		})
	}
}

func reportJSON(t *testing.T, e *Engine, l *snapshot.Loaded) []byte {
	t.Helper()
	rep, err := e.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	// The two policy sets differ by construction, and so do their digests; the results must not.
	rep.Scope.PolicyVersion = ""
	data, err := json.MarshalIndent(rep, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstDifference shows the first line where two JSON reports part.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n  optimised:       %s\n  straightforward: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("one report is a prefix of the other (%d vs %d lines)", len(g), len(w))
}

// podCIDRMoved is the estate with the cluster's remote pod network moved to a range the device
// does not use, as when one side is re-addressed and the other is not.
func podCIDRMoved(t *testing.T, data []byte) []byte {
	t.Helper()
	l, err := snapshot.Parse("scale10", data)
	if err != nil {
		t.Fatal(err)
	}
	s := l.Snapshot
	if s.AWS == nil || s.AWS.EKSCluster == nil || len(s.Devices) == 0 {
		t.Fatal("the scale-10 estate has no EKS cluster or no device")
	}
	s.AWS.EKSCluster.RemotePodNetworks = []string{"10.250.0.0/16"}
	out, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The cluster-shaped estate grows exactly what the hybrid checks walk, without changing a
// verdict: grown from the compliant reference, nothing fails, errors or is unknown, and the
// grown parts are checked (more passing results than the reference alone).
func TestClusterShapeKeepsTheReferenceVerdicts(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	ref, err := eng.Check(context.Background(), loadRef(t, "reference-compliant.json"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := snapshot.Parse("cluster10", estate(t, 10))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Status == result.Fail || r.Status == result.Error || r.Status == result.Unknown {
			t.Errorf("%s %s: %s: %s", r.Status, r.ID, r.Resource, r.Message)
		}
	}
	if rep.Summary.Pass <= ref.Summary.Pass {
		t.Errorf("%d passing results on the grown estate, %d on the reference: the grown parts were not checked", rep.Summary.Pass, ref.Summary.Pass)
	}
}
