package collector

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A value the snapshot schema refuses is reported against the saved output it came from.
func TestInvalidValueNamesItsInputFile(t *testing.T) {
	dir := t.TempDir()
	src := "../../testdata/reference/aws/us-east-1"
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "describe-subnets.json" {
			data = []byte(strings.Replace(string(data), `"10.100.1.0/24"`, `"10.100.1.0/33"`, 1))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = Collect(context.Background(), Options{AWSDirs: []string{dir}})
	want := filepath.Join(dir, "describe-subnets.json") + ": field /aws/subnets/"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "10.100.1.0/33") {
		t.Fatalf("got %v, want an error starting %q", err, want)
	}
}
