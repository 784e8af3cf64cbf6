// Package devicetest holds what the device importers' tests share: listing the real exports
// of testdata/realdata, importing a file, and checking a device against the snapshot schema.
// Only tests import it.
package devicetest

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// RealFiles lists the files in dir matching pattern and fails the test when there are none:
// the real exports are in the repository (testdata/realdata), so a missing one is a fault.
func RealFiles(t testing.TB, dir, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no real exports matching %s under %s", pattern, dir)
	}
	return files
}

// ImportFile reads path and imports it with an importer and a fingerprint salt (empty for
// formats without secrets), failing the test on any error.
func ImportFile(t testing.TB, importer device.ImportFunc, path, salt string) (*snapshot.Device, []string) {
	t.Helper()
	dev, warnings, err := importer(filepath.Base(path), testkit.ReadFile(t, path), salt)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return dev, warnings
}

// RealData is the repository's testdata/realdata folder of one format (permissive licences
// only; see its README), as an importer's package folder sees it.
func RealData(format string) string {
	return filepath.Join("..", "..", "..", "..", "testdata", "realdata", format)
}

// Exports are a format's real exports and the importer that reads them, so that the tests of
// every one-file format list, import and fuzz them the same way.
type Exports struct {
	Import device.ImportFunc
	// Dir holds the exports (usually RealData(format)); Pattern matches their file names.
	Dir, Pattern string
}

// Files lists the exports, failing the test when there are none.
func (x Exports) Files(t testing.TB) []string { return RealFiles(t, x.Dir, x.Pattern) }

// Path is the path of the export called name.
func (x Exports) Path(name string) string { return filepath.Join(x.Dir, name) }

// File imports the file at path, failing the test on any error.
func (x Exports) File(t *testing.T, path string) (*snapshot.Device, []string) {
	t.Helper()
	return ImportFile(t, x.Import, path, "")
}

// SeedExample imports testdata/<file>, the format's export of the seed network's rules
// (prepare-network.md), checks it against the snapshot schema and requires it to be fully
// modelled: the seed network uses nothing the model cannot read.
func (x Exports) SeedExample(t *testing.T, file string) *snapshot.Device {
	t.Helper()
	dev, warnings := x.File(t, filepath.Join("testdata", file))
	Validate(t, dev, "")
	if len(warnings) != 0 {
		t.Errorf("the seed example is fully modelled, got warnings %q", warnings)
	}
	return dev
}

// Fuzz runs FuzzImport seeded with the exports and the extra seed files.
func (x Exports) Fuzz(f *testing.F, name, model string, seeds ...string) {
	FuzzImport(f, x.Import, name, model, append([]string{filepath.Join(x.Dir, x.Pattern)}, seeds...))
}

// HandCounted imports each of files in its own subtest with load and hands the device to check
// with what a person counted in that file (want, by file name). A file nobody counted fails,
// so an export added to the repository is read and counted before the test accepts it.
func HandCounted[W any](t *testing.T, files []string, load func(*testing.T, string) (*snapshot.Device, []string),
	want map[string]W, check func(t *testing.T, dev *snapshot.Device, warnings []string, want W)) {
	t.Helper()
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("no hand count for %s; read it and add one", name)
			}
			dev, warnings := load(t, path)
			check(t, dev, warnings, w)
		})
	}
}

// Validate wraps the device in a snapshot (with the given fingerprint salt, which may be
// empty) and runs the snapshot's own schema validation; it returns the snapshot's bytes.
func Validate(t testing.TB, dev *snapshot.Device, salt string) []byte {
	t.Helper()
	s := &snapshot.Snapshot{SchemaVersion: snapshot.SchemaVersion, ToolVersion: "test", CollectedAt: "2026-11-26T07:00:00Z",
		FingerprintSalt: salt, Sources: []snapshot.Source{}, Devices: []snapshot.Device{*dev}}
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.Parse(dev.Source+"snapshot.json", data); err != nil {
		t.Fatalf("device does not fit the snapshot schema: %v", err)
	}
	return data
}

// ChainNamed returns the device's chain of that table and name, failing the test when there
// is none.
func ChainNamed(t testing.TB, dev *snapshot.Device, table, name string) snapshot.Chain {
	t.Helper()
	for _, c := range dev.Firewall.Chains {
		if c.Table == table && c.Name == name {
			return c
		}
	}
	t.Fatalf("no chain %s in table %s", name, table)
	return snapshot.Chain{}
}

// RuleCount is the number of firewall rules in all of the device's chains.
func RuleCount(dev *snapshot.Device) int {
	n := 0
	for _, c := range dev.Firewall.Chains {
		n += len(c.Rules)
	}
	return n
}

// SeedFiles adds every file matching the patterns to the fuzzer's corpus; a pattern that
// matches nothing fails, as the seeds are files of the repository.
func SeedFiles(f *testing.F, patterns ...string) {
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			f.Fatalf("no seed files match %s", pattern)
		}
		for _, file := range files {
			f.Add(testkit.ReadFile(f, file))
		}
	}
}

// FuzzImport fuzzes an importer seeded with the files matching the patterns: every error and
// warning stays on one line, and a device that imports has the firewall model given.
func FuzzImport(f *testing.F, importer device.ImportFunc, name, model string, patterns []string) {
	SeedFiles(f, patterns...)
	f.Fuzz(func(t *testing.T, data []byte) {
		dev, warnings, err := importer(name, data, "")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for _, w := range warnings {
			if strings.Contains(w, "\n") {
				t.Fatalf("multi-line warning %q", w)
			}
		}
		if dev.Firewall.Model != model {
			t.Fatalf("model %q", dev.Firewall.Model)
		}
	})
}

// Find returns the first item that match accepts, failing the test with the message (format and
// args) when there is none.
func Find[T any](t testing.TB, items []T, match func(T) bool, format string, args ...any) T {
	t.Helper()
	for _, v := range items {
		if match(v) {
			return v
		}
	}
	t.Fatalf(format, args...)
	var zero T
	return zero
}

// Interface returns the device's interface called name, failing the test when it has none.
func Interface(t testing.TB, dev *snapshot.Device, name string) snapshot.Interface {
	t.Helper()
	return Find(t, dev.Interfaces, func(i snapshot.Interface) bool { return i.Name == name }, "no interface %q", name)
}

// Phase1 returns the device's IPsec phase 1 with the ID, failing the test when it has none.
func Phase1(t testing.TB, dev *snapshot.Device, id string) snapshot.IPsecPhase1 {
	t.Helper()
	return Find(t, dev.IPsec.Phase1, func(p snapshot.IPsecPhase1) bool { return p.ID == id }, "no phase 1 %q", id)
}

// Phase2 returns the device's IPsec phase 2 with the ID, failing the test when it has none.
func Phase2(t testing.TB, dev *snapshot.Device, id string) snapshot.IPsecPhase2 {
	t.Helper()
	return Find(t, dev.IPsec.Phase2, func(p snapshot.IPsecPhase2) bool { return p.ID == id }, "no phase 2 %q", id)
}

// OneLineError requires err, from an importer given a bad export, to be one line containing
// want: an importer's errors are printed as they are, one per input, so a line break would
// split the report.
func OneLineError(t testing.TB, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want error %q", want)
	}
	if !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q, want one line containing %q", err, want)
	}
}

// Shown is what an import shows its user, the device as JSON and the warnings, as one text in
// which to look for secrets the export holds.
func Shown(t testing.TB, dev *snapshot.Device, warnings []string) string {
	t.Helper()
	data, err := json.Marshal(struct {
		Device   *snapshot.Device
		Warnings []string
	}{dev, warnings})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// NoSecret fails the test for each secret that shown holds.
func NoSecret(t testing.TB, shown string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(shown, s) {
			t.Errorf("a device or its warnings hold the secret %q", s)
		}
	}
}
