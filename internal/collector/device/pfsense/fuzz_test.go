package pfsense

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport feeds mutated config.xml files to both importers: whatever the input, the
// result is an error or a device that the snapshot schema accepts, never a panic.
func FuzzImport(f *testing.F) {
	rd := realdata(f)
	for _, pattern := range []string{"pfsense/*.xml", "opnsense/*.xml"} {
		files, err := filepath.Glob(filepath.Join(rd, pattern))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	seed, err := os.ReadFile(filepath.Join("testdata", "seed-example.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
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
