package device

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Issue 13 item 11: whatever the format, an export with more firewall and NAT rules than
// MaxRules is refused, so collect never writes a snapshot check cannot read in its memory.
func TestImportRefusesMoreThanMaxRules(t *testing.T) {
	Register("test-many-rules", func(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
		d := &snapshot.Device{Firewall: snapshot.Firewall{Chains: []snapshot.Chain{{Rules: make([]snapshot.FirewallRule, MaxRules)}}}}
		if strings.TrimSpace(string(data)) == "one more" {
			d.NAT.Rules = make([]snapshot.NATRule, 1)
		}
		return d, nil, nil
	})
	dir := t.TempDir()
	at, over := filepath.Join(dir, "at"), filepath.Join(dir, "over")
	os.WriteFile(at, []byte("at the limit"), 0o600)
	os.WriteFile(over, []byte("one more"), 0o600)
	if _, _, err := Import("test-many-rules", at, ""); err != nil {
		t.Fatalf("%d rules: %v", MaxRules, err)
	}
	_, _, err := Import("test-many-rules", over, "")
	if err == nil || !strings.HasPrefix(err.Error(), over+": 50001 firewall and NAT rules, over the limit of 50000 per export") {
		t.Fatalf("got %v", err)
	}
}

// A folder export (a Linux gateway) is held to the same limit as a file.
func TestImportDirRefusesMoreThanMaxRules(t *testing.T) {
	RegisterDir("test-many-rules-dir", func(dir string, files []File, salt string) (*snapshot.Device, []string, error) {
		d := &snapshot.Device{Firewall: snapshot.Firewall{Chains: []snapshot.Chain{{Rules: make([]snapshot.FirewallRule, MaxRules)}}}}
		if len(files) > 1 {
			d.NAT.Rules = make([]snapshot.NATRule, 1)
		}
		return d, nil, nil
	})
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ruleset.json"), []byte("{}"), 0o600)
	if _, src, err := Import("test-many-rules-dir", dir, ""); err != nil || src.Items != MaxRules {
		t.Fatalf("%d rules: %v (items %d)", MaxRules, err, src.Items)
	}
	os.WriteFile(filepath.Join(dir, "nat.json"), []byte("{}"), 0o600)
	_, _, err := Import("test-many-rules-dir", dir, "")
	if err == nil || !strings.HasPrefix(err.Error(), dir+": 50001 firewall and NAT rules, over the limit of 50000 per export") {
		t.Fatalf("got %v", err)
	}
}
