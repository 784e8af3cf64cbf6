package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func writeSnapshot(t *testing.T, dir, name, collectedAt string) {
	t.Helper()
	s := baseSnapshot()
	s.CollectedAt = collectedAt
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestLatest(t *testing.T) {
	dir := t.TempDir()
	// File names deliberately disagree with collection times: copies get renamed.
	writeSnapshot(t, dir, "c.json", "2026-11-06T09:30:00Z")
	writeSnapshot(t, dir, "a.json", "2026-11-20T09:30:00Z")
	writeSnapshot(t, dir, "b.json", "2026-11-13T09:30:00+02:00")
	writeSnapshot(t, dir, "z-older.json", "2026-10-30T09:30:00Z")
	for name, content := range map[string]string{
		"report.json": `{"snapshot": {"collected_at": "2027-01-01T00:00:00Z"}, "results": []}`,
		"list.json":   `[1, 2]`,
		"notes.txt":   "not json at all",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	older, newer, err := Latest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(older) != "b.json" || filepath.Base(newer) != "a.json" {
		t.Errorf("Latest = %s, %s; want b.json, a.json", older, newer)
	}
}

// Issue 13 item 8: two collections in the same second are "snapshot-T.json" and then
// "snapshot-T-2.json"; byte order put -2 first and diff --latest showed new failures as resolved.
func TestLatestSameSecondFollowsCollectNumbering(t *testing.T) {
	for _, c := range []struct {
		names        []string
		older, newer string
	}{
		{[]string{"snapshot-20261120T093000Z.json", "snapshot-20261120T093000Z-2.json"}, "snapshot-20261120T093000Z.json", "snapshot-20261120T093000Z-2.json"},
		{[]string{"snapshot-20261120T093000Z-9.json", "snapshot-20261120T093000Z-10.json", "snapshot-20261120T093000Z-2.json"}, "snapshot-20261120T093000Z-9.json", "snapshot-20261120T093000Z-10.json"},
	} {
		dir := t.TempDir()
		for _, n := range c.names {
			writeSnapshot(t, dir, n, "2026-11-20T09:30:00Z")
		}
		// An older collection with a name that sorts last stays older.
		writeSnapshot(t, dir, "zz.json", "2026-11-20T09:29:59Z")
		older, newer, err := Latest(dir)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(older) != c.older || filepath.Base(newer) != c.newer {
			t.Errorf("%v: Latest = %s, %s; want %s, %s", c.names, filepath.Base(older), filepath.Base(newer), c.older, c.newer)
		}
	}
}

func TestLatestErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string) string
		wantErr string
	}{
		{"missing folder", func(t *testing.T, dir string) string { return filepath.Join(dir, "nope") }, "no such file or directory"},
		{"a file, not a folder", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, "one.json", "2026-11-20T09:30:00Z")
			return filepath.Join(dir, "one.json")
		}, "not a directory"},
		{"one snapshot", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, "one.json", "2026-11-20T09:30:00Z")
			return dir
		}, "needs at least two snapshots to compare, found 1"},
		{"truncated snapshot", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, "one.json", "2026-11-20T09:30:00Z")
			os.WriteFile(filepath.Join(dir, "two.json"), []byte(`{"schema_version": "1.0", "tool_version": "0.1`), 0o600)
			return dir
		}, "two.json: not valid JSON"},
		{"bad timestamp", func(t *testing.T, dir string) string {
			writeSnapshot(t, dir, "one.json", "2026-11-20T09:30:00Z")
			os.WriteFile(filepath.Join(dir, "two.json"), []byte(`{"schema_version": "1.0", "collected_at": "last tuesday"}`), 0o600)
			return dir
		}, `two.json: collected_at "last tuesday" is not an RFC 3339 time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t, t.TempDir())
			_, _, err := Latest(dir)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// FuzzCollectedAt feeds arbitrary bytes to the snapshot header reader that --latest runs on
// every *.json in a folder: it must return an error or a verdict, never panic, and accept only
// RFC 3339 times.
func FuzzCollectedAt(f *testing.F) {
	for _, p := range []string{"../../snapshots/reference-compliant.json", "../../snapshots/reference-broken.json"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"schema_version": "1.0", "collected_at": "2026-11-20T09:30:00Z"}`))
	f.Add([]byte(`{"collected_at": 5, "schema_version": "1.0"}`))
	f.Add([]byte(`[{"collected_at": "2026-11-20T09:30:00Z"}]`))
	f.Add([]byte(`{"schema_version": "1.0", "collected_at": "2026-11-20T09:30:00Z"`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "s.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		at, ok, err := collectedAt(path)
		if err != nil {
			if !strings.HasPrefix(err.Error(), path+": ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q does not name the file on one line", err)
			}
			return
		}
		if ok && at.IsZero() {
			t.Error("a snapshot verdict without a time")
		}
	})
}
