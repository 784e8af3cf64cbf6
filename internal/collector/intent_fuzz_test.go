package collector

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// FuzzParseIntent feeds arbitrary bytes to the intent reader. It must return an error on one
// line that names the file, or an intent that the snapshot schema accepts: an intent that
// parses but makes the snapshot invalid would only fail when the snapshot is written, with a
// message that names the output instead of the intent file.
func FuzzParseIntent(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/intents/*.yaml")
	seeds = append(seeds, "../../testdata/reference/intent.yaml")
	bad, _ := filepath.Glob("../../cmd/hybridcheck/testdata/badinput/intent-*")
	for _, p := range append(seeds, bad...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"region": "us-east-1", "remote_node_cidrs": ["10.200.0.0/16"], "public_ip": "3.232.157.211"}`))
	f.Add([]byte("hybrid_security_groups: [sg-1, 2]\nmax_snapshot_age: 7d\n"))
	f.Add([]byte("a: &a [*a]\n"))
	// One CIDR more than the snapshot schema takes.
	f.Add([]byte("remote_node_cidrs: [" + strings.Repeat("10.200.0.0/16, ", int(*intentRules["remote_node_cidrs"].MaxItems)) + "10.200.0.0/16]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ParseIntent("intent.yaml", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "intent.yaml: ") || strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line naming the file: %q", msg)
			}
			return
		}
		snap := &snapshot.Snapshot{
			SchemaVersion: snapshot.SchemaVersion,
			ToolVersion:   "fuzz",
			CollectedAt:   "2026-11-20T10:00:00Z",
			Intent:        in,
		}
		out, err := snapshot.Marshal(snap)
		if err != nil {
			t.Fatalf("accepted intent does not marshal: %v", err)
		}
		if _, err := snapshot.Parse("snapshot", out); err != nil {
			t.Fatalf("accepted intent %q makes an invalid snapshot: %v", data, err)
		}
	})
}
