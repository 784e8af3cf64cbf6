package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// Issue 13 item 12: inputs that were accepted silently or refused with an unclear message are
// refused with one line that says what is wrong (exit 2).
func TestSmallInputDefectsAreRefusedPlainly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		return testkit.WriteFile(t, filepath.Join(dir, name), []byte(content))
	}
	// A snapshot whose first device interface has an empty address.
	var snap map[string]any
	data, _ := os.ReadFile(compliant)
	json.Unmarshal(data, &snap)
	ifc := snap["devices"].([]any)[0].(map[string]any)["interfaces"].([]any)[0].(map[string]any)
	ifc["addresses"] = []any{""}
	emptyAddr, _ := json.Marshal(snap)
	generic := "generic:../../internal/collector/device/generic/testdata/seed-example.json"
	seed, _ := os.ReadFile("../../internal/collector/device/generic/testdata/seed-example.json")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"empty interface address", []string{"check", write("empty-addr.json", string(emptyAddr))}, "addresses/0"},
		{"no schema_version", []string{"check", write("nover.json", `{"collected_at": "2026-11-20T10:00:00Z"}`)}, "not a snapshot: no schema_version"},
		{"JSON string", []string{"check", write("str.json", `"snapshot"`)}, "not a snapshot: the JSON is not an object"},
		{"intent duplicate key", []string{"collect", "--device", generic, "--intent", write("dup.yaml", "region: us-east-1\nregion: eu-west-1\n")}, "line 2: region: given twice (first on line 1)"},
		{"intent second document", []string{"collect", "--device", generic, "--intent", write("two.yaml", "region: us-east-1\n---\ncluster: x\n")}, "a second YAML document"},
		{"waivers second document", []string{"check", compliant, "--only", "HN-VPC-02", "--waivers", write("w.yaml", "waivers: []\n---\nwaivers: []\n")}, "a second YAML document"},
		{"device file second document", []string{"collect", "--device", "generic:" + write("dev.yaml", string(seed)+"\n---\nhostname: other\n")}, "a second YAML document"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.args...)
			line := strings.TrimSpace(errs)
			if code != exitError || strings.Contains(line, "\n") || !strings.Contains(line, c.want) {
				t.Fatalf("exit %d, stderr %q, want one line with %q", code, errs, c.want)
			}
		})
	}
}
