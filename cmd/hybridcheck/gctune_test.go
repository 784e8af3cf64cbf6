package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// check tunes the collector from the snapshot's size, and leaves Go's settings alone when the
// environment sets them.
func TestCollectorTuningFollowsTheSnapshot(t *testing.T) {
	prevPercent, prevLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(prevPercent); debug.SetMemoryLimit(prevLimit) })
	path := filepath.Join(t.TempDir(), "snapshot.json")
	if err := os.WriteFile(path, make([]byte, 1000), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneCollector(path)
	if got, want := debug.SetMemoryLimit(-1), int64(128<<20+8*1000); got != want {
		t.Errorf("memory limit %d, want %d (128 MiB and 8 bytes per byte of snapshot)", got, want)
	}
	if got := debug.SetGCPercent(100); got != 200 {
		t.Errorf("GC percent %d, want 200", got)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "50")
	tuneCollector(path)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOGC set, the memory limit became %d", got)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, the GC percent became %d", got)
	}

	t.Setenv("GOGC", "")
	tuneCollector(filepath.Join(t.TempDir(), "missing.json"))
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("for a missing snapshot, the memory limit became %d", got)
	}
}
