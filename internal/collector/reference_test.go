package collector

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

var update = flag.Bool("update", false, "rewrite the AWS part and intent of snapshots/reference-compliant.json from testdata/reference")

const (
	referenceSnapshot = "../../snapshots/reference-compliant.json"
	referenceAWS      = "../../testdata/reference/aws"
	referenceIntent   = "../../testdata/reference/intent.yaml"
)

// The compliant reference snapshot is what the collector makes of the seed architecture's
// saved describe outputs and intent in testdata/reference: the test fails when the two drift,
// and -update regenerates the snapshot's AWS part and intent from those inputs.
func TestReferenceSnapshotIsCollectedFromTestdata(t *testing.T) {
	ref, err := snapshot.Load(referenceSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse(time.RFC3339, ref.Snapshot.CollectedAt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Collect(context.Background(), Options{
		AWSDirs: []string{referenceAWS}, IntentFile: referenceIntent, Cluster: "eks-hybrid",
		Now: func() time.Time { return at }, Salt: ref.Snapshot.FingerprintSalt,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got.Sources {
		if s.Status != "ok" {
			t.Errorf("testdata/reference is not a complete collection: %s %s %s", s.ID, s.Status, s.Error)
		}
	}
	if len(got.IntentConflicts) != 0 {
		t.Errorf("the reference intent conflicts with the reference estate: %+v", got.IntentConflicts)
	}
	if *update {
		ref.Snapshot.AWS, ref.Snapshot.Intent = got.AWS, got.Intent
		out, err := snapshot.Marshal(ref.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(referenceSnapshot, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	g, w := canonical(t, got), canonical(t, ref.Snapshot)
	if g != w {
		gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
		i := 0
		for i < min(len(gl), len(wl)) && gl[i] == wl[i] {
			i++
		}
		t.Errorf("%s drifted from what testdata/reference collects to (run: go test ./collector -run Reference -update); first difference at line %d:\ncollected: %s\nreference: %s",
			referenceSnapshot, i+1, lineAt(gl, i), lineAt(wl, i))
	}
}

// canonical renders the parts the collector owns (the AWS part and the intent) as a snapshot
// file holds them, every list in one order: the comparison is of content, since the
// lists of the reference carry no meaning in their order (tests and seeded defects name
// elements by ID, so -update may re-sort them freely).
func canonical(t *testing.T, s *snapshot.Snapshot) string {
	t.Helper()
	out, err := snapshot.Marshal(&snapshot.Snapshot{AWS: s.AWS, Intent: s.Intent})
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	sorted, err := json.MarshalIndent(sortLists(doc), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(sorted)
}

func sortLists(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			x[k] = sortLists(c)
		}
	case []any:
		keys := make([]string, len(x))
		for i, c := range x {
			x[i] = sortLists(c)
			b, _ := json.Marshal(x[i])
			keys[i] = string(b)
		}
		sort.Sort(byKey{x, keys})
	}
	return v
}

type byKey struct {
	items []any
	keys  []string
}

func (b byKey) Len() int           { return len(b.items) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.items[i], b.items[j] = b.items[j], b.items[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return strings.TrimSpace(lines[i])
	}
	return "(end)"
}
