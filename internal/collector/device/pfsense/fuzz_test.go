package pfsense

import (
	"path/filepath"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
)

// FuzzImport feeds mutated config.xml files to both importers: whatever the input, the
// result is an error or a device that the snapshot schema accepts, never a panic.
func FuzzImport(f *testing.F) {
	rd := realdata(f)
	devicetest.SeedFiles(f, filepath.Join(rd, "pfsense", "*.xml"), filepath.Join(rd, "opnsense", "*.xml"), filepath.Join("testdata", "seed-example.xml"))
	for _, c := range sectionCases {
		f.Add([]byte(c.xml))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fl := range []flavor{pfSense, opnSense} {
			dev, _, err := importConfig(fl, "fuzz.xml", data, testSalt)
			if (dev == nil) == (err == nil) {
				t.Fatalf("device %v and error %v: want exactly one", dev != nil, err)
			}
			if dev != nil {
				validInSnapshot(t, dev, fl.root())
			}
		}
	})
}
