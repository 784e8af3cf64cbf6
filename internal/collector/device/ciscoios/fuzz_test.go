package ciscoios

import (
	"path/filepath"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
)

// FuzzImport feeds mutated running-configs to the importer: whatever the input, the result is
// an error or a device that the snapshot schema accepts, never a panic.
func FuzzImport(f *testing.F) {
	devicetest.SeedFiles(f, filepath.Join("testdata", "realdata", "*"), filepath.Join("testdata", "*.cfg"))
	f.Add([]byte("hostname x\nbanner motd #\nnever closed\n"))
	f.Add([]byte("interface Tunnel1\n tunnel protection ipsec profile P\n tunnel destination 1.2.3.4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dev, _, err := Import("fuzz.cfg", data, testSalt)
		if (dev == nil) == (err == nil) {
			t.Fatalf("device %v and error %v: want exactly one", dev != nil, err)
		}
		if dev != nil {
			dev.Format, dev.Source = Format, "fuzz.cfg"
			devicetest.Validate(t, dev, testSalt)
		}
	})
}
