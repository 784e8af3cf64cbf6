package path

import (
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// AllTestSnapshots are every reference, variant and single-defect snapshot the path tests use,
// by name, for the agreement test in package path_test.
func AllTestSnapshots(t *testing.T) map[string]*snapshot.Snapshot {
	out := map[string]*snapshot.Snapshot{
		"reference-compliant":         loadSnapshot(t, repoFile("snapshots", "reference-compliant.json")),
		"reference-broken":            loadSnapshot(t, repoFile("snapshots", "reference-broken.json")),
		"schema-1.0/reference-broken": loadSnapshot(t, repoFile("testdata", "schema-1.0", "reference-broken.json")),
	}
	for _, v := range variantNames {
		out["variant "+v] = loadSnapshot(t, variantFile(v))
	}
	for _, d := range readDefects(t) {
		out["defect "+d.Check] = withDefect(t, d)
	}
	return out
}
