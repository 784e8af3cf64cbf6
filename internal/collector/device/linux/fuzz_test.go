package linux

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// seeds adds every test folder's files as seeds.
func seeds(f *testing.F) {
	for _, dir := range []string{gatewayDir, "testdata/strongswan-legacy", "testdata/libreswan", "testdata/frr", "testdata/iproute2"} {
		_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
			return nil
		})
	}
}

// FuzzImport feeds one file as a whole folder: recognition, every parser it may reach and
// the mapping must end in a device or a one-line error, never a panic.
func FuzzImport(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, warnings, err := Import("fuzz", []device.File{{Name: "f", Data: data}}, salt)
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error on several lines: %q", err)
		}
		for _, w := range warnings {
			if strings.Contains(w, "\n") {
				t.Fatalf("warning on several lines: %q", w)
			}
		}
	})
}

func FuzzSwanctl(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		root, err := parseSwanctl(string(data))
		if err != nil {
			return
		}
		im := &importer{salt: salt, peers: map[string]string{}, dev: &snapshot.Device{}}
		_, _ = swanctlSecrets(root)
		_ = im.swanctlConns("f", root)
	})
}

func FuzzIPsecConf(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sections, err := parseIPsecConf("f", string(data))
		if err != nil {
			return
		}
		im := &importer{salt: salt, peers: map[string]string{}, dev: &snapshot.Device{}}
		for _, libreswan := range []bool{false, true} {
			_ = im.confConns(sections, libreswan)
		}
	})
}

func FuzzIPsecSecrets(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseIPsecSecrets(string(data))
	})
}

func FuzzFRR(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		im := &importer{salt: salt, peers: map[string]string{}, dev: &snapshot.Device{}}
		cfg := newFRR()
		if err := im.parseFRR("f", string(data), cfg); err != nil {
			return
		}
		im.frrInterfaces(cfg)
		im.addFRRStatics(cfg.statics)
		im.bgp(cfg)
	})
}
