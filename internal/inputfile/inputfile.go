// Package inputfile opens the files hybridcheck reads (snapshots, device exports, saved AWS
// outputs, the intent, waivers, probe results) one way: without blocking, regular files only,
// and never more than a limit. A FIFO with no writer would otherwise hang the run forever, and
// a device such as /dev/zero would be read until memory runs out.
package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Read returns the content of the regular file at path, refusing anything else (a directory,
// FIFO, socket or device) and any file over limit bytes. what names the kind of input in
// messages ("a snapshot", "an intent file"). Every error is one line that starts with path
// and never quotes the file's content.
func Read(path string, limit int64, what string) ([]byte, error) {
	f, st, err := Open(path, what)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: file is %d bytes, over the %d-byte limit for %s", path, st.Size(), limit, what)
	}
	// The file may grow while it is read: stop one byte past the limit. The buffer starts at
	// the file's size (and room to see that it ended): io.ReadAll, growing from 512 bytes,
	// copies a large snapshot at every growth and leaves the outgrown buffers to the collector.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, UnwrapPath(err))
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: over the %d-byte limit for %s", path, limit, what)
	}
	return data, nil
}

// Load reads the file at path as Read does, with limit and what, and hands its content to
// parse with path as the name to use in messages. Each kind of input (snapshot, intent,
// waivers, probe results) is loaded by calling Load with its own size limit, its name in
// messages and its parser.
func Load[T any](path string, limit int64, what string, parse func(name string, data []byte) (T, error)) (T, error) {
	data, err := Read(path, limit, what)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(path, data)
}

// Open opens the regular file at path for reading, as Read does, for a caller that streams it.
func Open(path, what string) (*os.File, fs.FileInfo, error) {
	f, err := open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, UnwrapPath(err))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, UnwrapPath(err))
	}
	switch m := st.Mode(); {
	case m.IsDir():
		err = fmt.Errorf("%s: is a directory, not %s", path, what)
	case !m.IsRegular():
		err = fmt.Errorf("%s: not a regular file (%s); give %s", path, Kind(m), what)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// Kind names a file type for messages: "a FIFO", "a socket", "a character device"... (the
// checks run in that order because a character device also carries ModeDevice).
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "type " + m.Type().String()
}

// UnwrapPath drops the *fs.PathError wrapper of err, for a message that names the path once
// itself: "PATH: no such file or directory", not the path twice.
func UnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
