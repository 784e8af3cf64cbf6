// Package device turns an edge device's exported configuration into the snapshot's one device
// model. Each export format is a subpackage that registers an ImportFunc; Import reads the file
// with the documented limits and records the outcome as a snapshot source.
package device

import (
	"fmt"
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

var (
	mu        sync.RWMutex
	importers = map[string]ImportFunc{}
)

// Register makes a format available to Import; subpackages call it from init.
func Register(format string, f ImportFunc) {
	mu.Lock()
	defer mu.Unlock()
	importers[format] = f
}

// Formats lists the registered formats, sorted.
func Formats() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(importers))
	for f := range importers {
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
	mu.RUnlock()
	if !known {
		return "", "", fmt.Errorf("--device %q: unknown format %q (one of %s)", spec, format, strings.Join(Formats(), ", "))
	}
	return format, path, nil
}

// Import reads and parses one export. The error, if any, is one line that starts with path.
// On success the source records the warnings and the count of firewall rules.
func Import(format, path, salt string) (*snapshot.Device, snapshot.Source, error) {
	src := snapshot.Source{ID: "device:" + format, Kind: "device", Location: path, Status: "ok"}
	mu.RLock()
	f, ok := importers[format]
	mu.RUnlock()
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
	dev.Format = format
	dev.Source = path
	src.Warnings = warnings
	if len(warnings) > 0 {
		src.Status = "partial"
	}
	for _, c := range dev.Firewall.Chains {
		src.Items += len(c.Rules)
	}
	if n := src.Items + len(dev.NAT.Rules); n > MaxRules {
		return nil, src, fmt.Errorf("%s: %d firewall and NAT rules, over the limit of %d per export", path, n, MaxRules)
	}
	return dev, src, nil
}

func readLimited(path string) ([]byte, error) {
	data, err := inputfile.Read(path, MaxExportSize, "a device export")
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, fmt.Errorf("%s: file is empty", path)
	}
	return data, nil
}
