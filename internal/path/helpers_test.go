package path

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

// parseDoc is the snapshot doc holds, which must be valid.
func parseDoc(t testing.TB, doc any) *snapshot.Snapshot {
	t.Helper()
	return fixture.Parse(t, "test", doc).Snapshot
}

func loadSnapshot(t testing.TB, file string) *snapshot.Snapshot {
	t.Helper()
	return parseDoc(t, fixture.LoadDoc(t, file))
}

// traceSeed follows the seed flow name through n.
func traceSeed(t testing.TB, n *Network, name string) *Trace {
	t.Helper()
	f := testkit.Must(n.SeedFlow(name))(t)
	return testkit.Must(n.Trace(f))(t)
}

func network(t testing.TB, s *snapshot.Snapshot) *Network {
	t.Helper()
	n, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// traceAll follows every seed flow of the snapshot, by flow name.
func traceAll(t *testing.T, n *Network) map[string]*Trace {
	t.Helper()
	flows, missing := n.SeedFlows()
	if len(missing) > 0 {
		t.Fatalf("seed flows without networks: %v", missing)
	}
	out := map[string]*Trace{}
	for _, f := range flows {
		tr, err := n.Trace(f)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = tr
	}
	return out
}

func describe(tr *Trace) string {
	var b strings.Builder
	_ = WriteText(&b, tr)
	return b.String()
}

func readDefects(t *testing.T) []fixture.Defect {
	t.Helper()
	return fixture.ReadDefects(t, repoFile("testdata", "reference", "defects.json"))
}

// withDefect is the compliant reference with the seeded defect d applied (internal/fixture
// resolves its steps).
func withDefect(t *testing.T, d fixture.Defect) *snapshot.Snapshot {
	t.Helper()
	doc := fixture.LoadDoc(t, repoFile("snapshots", "reference-compliant.json"))
	for _, op := range d.Patch {
		if err := fixture.Apply(doc, op); err != nil {
			t.Fatalf("%s: %v", d.Check, err)
		}
	}
	return parseDoc(t, doc)
}
