// Package atomicfile writes output files so that a reader never sees half of one: the bytes go
// to a temporary file beside the target, are synced, and replace the target by rename. Only a
// regular file (or a new path) is ever replaced: standard output, character devices and FIFOs
// are written straight through, so `-o /dev/null` or `-o /dev/stdout` never become files.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/inputfile"
)

// ErrExist is returned (wrapped) by Create when the target already exists.
var ErrExist = fs.ErrExist

// Write puts data at path. A regular file or a new path is replaced atomically with mode 0600
// (snapshots and reports carry evidence about a network); a symlink to a regular file has its
// target replaced and stays a symlink. Character devices, FIFOs and the process's own
// descriptors (/dev/stdout, /dev/fd/N) are written straight through and never replaced. On
// any failure the target is left as it was and the temporary file is removed.
func Write(path string, data []byte) error {
	target, direct, err := resolve(path)
	if err != nil {
		return err
	}
	if direct {
		return writeThrough(path, data)
	}
	return replace(path, target, data, false)
}

// Create writes data to a new file at path, atomically and with mode 0600, and fails with an
// error wrapping ErrExist when something already exists there: two concurrent writers never
// overwrite each other (the bytes are linked to the name, which the kernel does exclusively).
func Create(path string, data []byte) error {
	if err := checkFolder(path); err != nil {
		return err
	}
	return replace(path, path, data, true)
}

// SameFile reports whether path names the same existing file as other (after symlinks): a
// report written over the snapshot it was made from would destroy the evidence.
func SameFile(path, other string) bool {
	a, err := os.Stat(path)
	if err != nil {
		return false
	}
	b, err := os.Stat(other)
	return err == nil && os.SameFile(a, b)
}

// resolve decides how path is written: direct (straight through) or atomically at target.
func resolve(path string) (target string, direct bool, err error) {
	if _, ok := processDescriptor(path); ok {
		return "", true, nil
	}
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, false, checkFolder(path)
	}
	if err != nil {
		return "", false, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	st := lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		if st, err = os.Stat(path); err != nil {
			return "", false, fmt.Errorf("%s: is a symlink to a missing file; give the file itself", path)
		}
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return "", false, fmt.Errorf("%s: is a directory; give a file name", path)
	case m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
		return "", true, nil
	case !m.IsRegular():
		return "", false, fmt.Errorf("%s: not a regular file (%s); give a file name", path, inputfile.Kind(m))
	}
	if lst.Mode()&fs.ModeSymlink == 0 {
		return path, false, nil
	}
	// Replace the file the link points to, so the link survives and keeps pointing at the report.
	if target, err = filepath.EvalSymlinks(path); err != nil {
		return "", false, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return target, false, nil
}

// processDescriptor: /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name this
// process's open descriptors; renaming over them would replace the link (as root) or fail,
// and reopening them would lose the descriptor's offset and append mode (`>> log`). ok is
// false for any other path.
func processDescriptor(path string) (fd int, ok bool) {
	clean := filepath.Clean(path)
	switch clean {
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, prefix := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if rest, found := strings.CutPrefix(clean, prefix); found {
			if n, err := strconv.Atoi(rest); err == nil && n >= 0 {
				return n, true
			}
		}
	}
	return 0, false
}

// writeThrough writes to an existing device, FIFO or descriptor without creating or replacing
// it; one of the process's descriptors is written as it is open, and left open.
func writeThrough(path string, data []byte) error {
	if fd, ok := processDescriptor(path); ok {
		if err := writeFD(fd, data); err != nil {
			return fmt.Errorf("%s: write failed: %w", path, err)
		}
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: write failed: %w", path, unwrapPath(err))
	}
	return nil
}

func checkFolder(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: folder %s does not exist", path, dir)
	}
	return nil
}

// replace writes data to a locked temporary file beside target and moves it into place: by
// rename, or (exclusive) by link, which fails when the name exists. Stale temporary files of
// killed writes in the same folder are removed first.
func replace(path, target string, data []byte, exclusive bool) (err error) {
	dir := filepath.Dir(target)
	removeStale(dir)
	tmp, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		return fmt.Errorf("%s: cannot create a temporary file: %w", path, unwrapPath(err))
	}
	defer func() {
		tmp.Close()
		if err != nil || exclusive {
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s: write failed: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: sync failed: %w", path, unwrapPath(err))
	}
	if exclusive {
		if err = os.Link(tmp.Name(), target); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %w", path, ErrExist)
			}
			return fmt.Errorf("%s: %w", path, unwrapPath(err))
		}
		return nil
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// tempInfix marks temporary files, named ".NAME.tmp-RANDOM" and hidden beside the target.
const tempInfix = ".tmp-"

// createTemp creates the temporary file and holds a lock on it for as long as it is open, so
// that removeStale (in this or another process) can tell a live write from a killed one. The
// file is re-checked after locking: a cleaner that took it in between means starting over.
func createTemp(dir, base string) (*os.File, error) {
	for {
		f, err := os.CreateTemp(dir, "."+base+tempInfix+"*")
		if err != nil {
			return nil, err
		}
		if lock(f) == nil {
			a, errA := os.Lstat(f.Name())
			b, errB := f.Stat()
			if errA == nil && errB == nil && os.SameFile(a, b) {
				return f, nil
			}
		}
		// A cleaner took the file between its creation and the lock: leave it to the cleaner.
		f.Close()
	}
}

// removeStale deletes the ".NAME.tmp-*" files in dir that no live writer holds: the remains of
// a write that was killed before its rename. Failures are ignored; this is housekeeping.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !isTempName(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		// Only files as this package makes them (mode 0600), never a user's own hidden file.
		if info, err := e.Info(); err != nil || info.Mode().Perm() != 0o600 {
			continue
		}
		removeIfStale(filepath.Join(dir, e.Name()))
	}
}

// isTempName matches ".NAME.tmp-DIGITS", the names os.CreateTemp gives createTemp's pattern.
func isTempName(name string) bool {
	i := strings.LastIndex(name, tempInfix)
	if !strings.HasPrefix(name, ".") || i < 2 || i+len(tempInfix) == len(name) {
		return false
	}
	for _, r := range name[i+len(tempInfix):] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// unwrapPath drops the *PathError or (from a rename) *LinkError wrapper so messages name the
// target once, not the temp file.
func unwrapPath(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return inputfile.UnwrapPath(err)
}
