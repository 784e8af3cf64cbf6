//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// open opens read-only with O_NONBLOCK, so opening a FIFO that no process writes to returns at
// once (and is then refused as not a regular file) instead of waiting for a writer. The flag
// is cleared for the read: on a regular file it changes nothing either way.
func open(path string) (*os.File, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	_ = syscall.SetNonblock(fd, false)
	return os.NewFile(uintptr(fd), path), nil
}
