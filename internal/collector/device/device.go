// Package device turns an edge device's exported configuration into the snapshot's one device
// model. Each export format is a subpackage that registers an ImportFunc; Import reads the file
// with the documented limits and records the outcome as a snapshot source.
package device

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// MaxExportSize is the largest device export read (documented in the README); real configs
// with thousands of rules are a few MiB.
const MaxExportSize = 64 << 20

// MaxRules bounds the firewall and NAT rules one export may hold, in every format. Memory and
// the snapshot grow with the rules (about 1 KB of snapshot and 13 KB of memory per rule while
// importing and checking): at 50,000 an export stays under 55 MB of snapshot and under the
// 1.5 GB peak of BENCHMARKS.md in collect and in check, so what collect writes, check reads.
const MaxRules = 50000

// ImportFunc parses one export. name is the file name for messages and Location fields; salt
// is the snapshot's fingerprint salt for snapshot.PSKFingerprint. It returns the device, the
// warnings for what it could not understand (never a silent drop), or an error naming the
// problem (and line where known) without the file name, which Import adds.
type ImportFunc func(name string, data []byte, salt string) (*snapshot.Device, []string, error)

// File is one file of a folder export, named by its path relative to the folder (slash-separated).
type File struct {
	Name string
	Data []byte
}

// DirImportFunc parses an export made of several files (a Linux gateway: ruleset, IPsec
// daemon, addresses, routes, BGP daemon); dir is the folder's base name. An error about one
// file is a *FileError, so that Import names that file.
type DirImportFunc func(dir string, files []File, salt string) (*snapshot.Device, []string, error)

// FileError is a DirImportFunc's error about one of its files.
type FileError struct {
	File string
	Err  error
}

// Error names the file first, the form every importer error takes.
func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Unwrap gives the cause, so errors.Is and errors.As see through the file name.
func (e *FileError) Unwrap() error { return e.Err }

// Folder exports are bounded too: a gateway folder holds a handful of small files.
const (
	maxDirFiles = 256
	maxDirDepth = 3
	maxDirBytes = 4 * MaxExportSize
)

var (
	mu           sync.RWMutex
	importers    = map[string]ImportFunc{}
	dirImporters = map[string]DirImportFunc{}
)

// Register makes a format available to Import; subpackages call it from init.
func Register(format string, f ImportFunc) {
	mu.Lock()
	defer mu.Unlock()
	importers[format] = f
}

// RegisterDir makes a folder format available to Import.
func RegisterDir(format string, f DirImportFunc) {
	mu.Lock()
	defer mu.Unlock()
	dirImporters[format] = f
}

// Formats lists the registered formats, sorted.
func Formats() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(importers)+len(dirImporters))
	for f := range importers {
		out = append(out, f)
	}
	for f := range dirImporters {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// ParseSpec splits a --device FORMAT:PATH argument.
func ParseSpec(spec string) (format, path string, err error) {
	format, path, ok := strings.Cut(spec, ":")
	if !ok || format == "" || path == "" {
		return "", "", fmt.Errorf("--device %q: want FORMAT:PATH, FORMAT one of %s", spec, strings.Join(Formats(), ", "))
	}
	mu.RLock()
	_, known := importers[format]
	_, knownDir := dirImporters[format]
	known = known || knownDir
	mu.RUnlock()
	if !known {
		return "", "", fmt.Errorf("--device %q: unknown format %q (one of %s)", spec, format, strings.Join(Formats(), ", "))
	}
	return format, path, nil
}

// Import reads and parses one export. The error, if any, is one line that starts with path.
// On success the source records the warnings and the count of firewall rules.
func Import(format, path, salt string) (*snapshot.Device, snapshot.Source, error) {
	src := snapshot.Source{ID: "device:" + format, Kind: "device", Location: path, Status: snapshot.SourceOK}
	mu.RLock()
	f, ok := importers[format]
	df, isDir := dirImporters[format]
	mu.RUnlock()
	if isDir {
		return importDir(format, path, salt, df, src)
	}
	if !ok {
		return nil, src, fmt.Errorf("%s: unknown device format %q (one of %s)", path, format, strings.Join(Formats(), ", "))
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, src, err
	}
	dev, warnings, err := f(path, data, salt)
	if err != nil {
		return nil, src, fmt.Errorf("%s: %v", path, err)
	}
	if err := record(dev, &src, format, path, warnings); err != nil {
		return nil, src, err
	}
	return dev, src, nil
}

// record stamps the device with its format and origin (a file or a folder) and the source
// with the warnings and the count of firewall rules; an export over MaxRules firewall and NAT
// rules is refused, whether it came as one file or a folder.
func record(dev *snapshot.Device, src *snapshot.Source, format, origin string, warnings []string) error {
	dev.Format = format
	dev.Source = origin
	src.Warnings = warnings
	if len(warnings) > 0 {
		src.Status = snapshot.SourcePartial
	}
	for _, c := range dev.Firewall.Chains {
		src.Items += len(c.Rules)
	}
	if n := src.Items + len(dev.NAT.Rules); n > MaxRules {
		return fmt.Errorf("%s: %d firewall and NAT rules, over the limit of %d per export", origin, n, MaxRules)
	}
	return nil
}

// importDir reads every regular file of a folder export (and its subfolders, as swanctl's
// conf.d and Libreswan's ipsec.d) within the limits, and parses them as one device.
func importDir(format, dir, salt string, f DirImportFunc, src snapshot.Source) (*snapshot.Device, snapshot.Source, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, src, fmt.Errorf("%s: %v", dir, inputfile.UnwrapPath(err))
	}
	if !st.IsDir() {
		return nil, src, fmt.Errorf("%s: not a directory: --device %s:DIR takes the folder holding the gateway's files", dir, format)
	}
	var files []File
	total := 0
	var walk func(rel string, depth int) error
	walk = func(rel string, depth int) error {
		entries, err := os.ReadDir(filepath.Join(dir, rel))
		if err != nil {
			return fmt.Errorf("%s: %v", filepath.Join(dir, rel), err)
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			if strings.HasPrefix(e.Name(), ".") {
				continue // editor and VCS files
			}
			regular := e.Type().IsRegular()
			if e.Type()&os.ModeSymlink != 0 {
				// A configuration folder copied without -L keeps its symlinked files as links:
				// read what they point to (never a symlinked folder, which could loop).
				fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
				regular = err == nil && fi.Mode().IsRegular()
			}
			switch {
			case e.IsDir():
				if depth < maxDirDepth {
					if err := walk(name, depth+1); err != nil {
						return err
					}
				}
			case regular:
				if len(files) == maxDirFiles {
					return fmt.Errorf("%s: more than %d files: not a gateway export folder", dir, maxDirFiles)
				}
				// An empty file (an ipsec.secrets without keys) is the importer's to judge.
				data, err := readBounded(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					return err
				}
				if total += len(data); total > maxDirBytes {
					return fmt.Errorf("%s: the folder's files are over the %d-byte limit of a folder export", dir, maxDirBytes)
				}
				files = append(files, File{Name: name, Data: data})
			}
		}
		return nil
	}
	if err := walk("", 0); err != nil {
		return nil, src, err
	}
	if len(files) == 0 {
		return nil, src, fmt.Errorf("%s: the folder holds no files", dir)
	}
	dev, warnings, err := f(filepath.Base(filepath.Clean(dir)), files, salt)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, src, fmt.Errorf("%s: %v", filepath.Join(dir, filepath.FromSlash(fe.File)), fe.Err)
		}
		return nil, src, fmt.Errorf("%s: %v", dir, err)
	}
	if err := record(dev, &src, format, dir, warnings); err != nil {
		return nil, src, err
	}
	return dev, src, nil
}

func readLimited(path string) ([]byte, error) {
	data, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, fmt.Errorf("%s: file is empty", path)
	}
	return data, nil
}

// readBounded reads a regular file of at most MaxExportSize bytes, without blocking on a FIFO.
func readBounded(path string) ([]byte, error) {
	return inputfile.Read(path, MaxExportSize, "a device export")
}
