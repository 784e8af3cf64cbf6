// Package devicetest holds what the device importers' tests share: listing the real exports
// of testdata/realdata, importing a file, and checking a device against the snapshot schema.
// Only tests import it.
package devicetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
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

// ImportFile reads path and imports it with an importer, failing the test on any error.
func ImportFile(t testing.TB, importer device.ImportFunc, path string) (*snapshot.Device, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dev, warnings, err := importer(filepath.Base(path), data, "")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return dev, warnings
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

// FuzzImport fuzzes an importer seeded with the given files: every error and warning stays on
// one line, and a device that imports has the firewall model given.
func FuzzImport(f *testing.F, importer device.ImportFunc, name, model string, seeds []string) {
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
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
