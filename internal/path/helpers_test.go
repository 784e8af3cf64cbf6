package path

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

func loadDoc(t testing.TB, file string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func parseDoc(t testing.TB, doc any) *snapshot.Snapshot {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	l, err := snapshot.Parse("test", data)
	if err != nil {
		t.Fatal(err)
	}
	return l.Snapshot
}

func loadSnapshot(t testing.TB, file string) *snapshot.Snapshot {
	t.Helper()
	return parseDoc(t, loadDoc(t, file))
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

type patchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value"`
}

type defect struct {
	Check  string    `json:"check"`
	Defect string    `json:"defect"`
	Patch  []patchOp `json:"patch"`
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

// apply is the subset of RFC 6902 the defects use (as snapshots/reference_test.go): add
// ("-" appends), replace, remove.
func apply(doc any, op patchOp) error {
	_, err := applyAt(doc, strings.Split(strings.TrimPrefix(op.Path, "/"), "/"), op)
	return err
}

func applyAt(v any, path []string, op patchOp) (any, error) {
	key := path[0]
	switch c := v.(type) {
	case map[string]any:
		if len(path) > 1 {
			nv, err := applyAt(c[key], path[1:], op)
			c[key] = nv
			return c, err
		}
		if op.Op == "remove" {
			delete(c, key)
		} else {
			c[key] = op.Value
		}
		return c, nil
	case []any:
		if len(path) == 1 && op.Op == "add" && key == "-" {
			return append(c, op.Value), nil
		}
		i, err := strconv.Atoi(key)
		if err != nil || i < 0 || i >= len(c) {
			return nil, fmt.Errorf("%s: bad index %q", op.Path, key)
		}
		if len(path) > 1 {
			nv, err := applyAt(c[i], path[1:], op)
			c[i] = nv
			return c, err
		}
		switch op.Op {
		case "replace":
			c[i] = op.Value
		case "remove":
			return append(c[:i:i], c[i+1:]...), nil
		default:
			return append(c[:i:i], append([]any{op.Value}, c[i:]...)...), nil
		}
		return c, nil
	}
	return nil, fmt.Errorf("%s: cannot descend into %q", op.Path, key)
}
