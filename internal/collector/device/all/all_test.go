package all

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
)

func TestEveryFormatIsRegistered(t *testing.T) {
	got := device.Formats()
	// pfsense also registers opnsense: the two share the config.xml importer.
	for _, f := range []string{"cisco-ios", "generic", "iptables", "nftables", "opnsense", "pfsense"} {
		if !slices.Contains(got, f) {
			t.Errorf("format %s is not registered (have %v)", f, got)
		}
	}
}

// Import through the registry: the source records the format, the rule count and the
// warnings, and errors start with the path.
func TestImportThroughTheRegistry(t *testing.T) {
	cases := []struct {
		format, path string
		items        int
	}{
		{"nftables", filepath.Join("..", "nftables", "testdata", "seed-example.json"), 28},
		{"iptables", filepath.Join("..", "iptables", "testdata", "seed-example.iptables"), 31},
		{"generic", filepath.Join("..", "generic", "testdata", "seed-example.json"), 15},
	}
	for _, tc := range cases {
		dev, src, err := device.Import(tc.format, tc.path, "00")
		if err != nil {
			t.Fatalf("%s: %v", tc.format, err)
		}
		if dev.Format != tc.format || dev.Source != tc.path || src.Items != tc.items || src.Status != "ok" || src.ID != "device:"+tc.format {
			t.Errorf("%s: device %s/%s, source %+v", tc.format, dev.Format, dev.Source, src)
		}
	}
	// An nftables export handed to the iptables importer is refused with the path first.
	path := filepath.Join("..", "nftables", "testdata", "seed-example.json")
	_, _, err := device.Import("iptables", path, "00")
	if err == nil || !strings.HasPrefix(err.Error(), path+": line 1:") {
		t.Errorf("wrong format: %v", err)
	}
}
