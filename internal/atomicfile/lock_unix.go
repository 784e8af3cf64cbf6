//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock that the kernel drops when the writer exits, killed or
// not. It fails when another process holds the file: a cleaner about to remove it.
func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeIfStale removes a temporary file nobody holds a lock on (the write that made it died),
// while holding the lock itself, so no writer can take the file over in between.
func removeIfStale(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if lock(f) == nil {
		os.Remove(path)
	}
}

// stale reports whether nobody holds path's lock (tests).
func stale(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return lock(f) == nil
}
