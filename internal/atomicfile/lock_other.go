//go:build !unix

package atomicfile

import (
	"os"
	"time"
)

func lock(*os.File) error { return nil }

// stale: without advisory locks, only a temporary file untouched for a day is taken as dead.
func stale(path string) bool {
	st, err := os.Stat(path)
	return err == nil && time.Since(st.ModTime()) > 24*time.Hour
}

func removeIfStale(path string) {
	if stale(path) {
		os.Remove(path)
	}
}
