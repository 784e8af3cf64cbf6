package path

import (
	"encoding/json"
	"os"
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

type defect struct {
	Check  string       `json:"check"`
	Defect string       `json:"defect"`
	Patch  []fixture.Op `json:"patch"`
}

func readDefects(t *testing.T) []defect {
	t.Helper()
	data, err := os.ReadFile(repoFile("testdata", "reference", "defects.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ds []defect
	if err := json.Unmarshal(data, &ds); err != nil {
		t.Fatal(err)
	}
	return ds
}

// apply applies one seeded defect's op (internal/fixture resolves its steps).
func apply(doc any, op fixture.Op) error { return fixture.Apply(doc, op) }
