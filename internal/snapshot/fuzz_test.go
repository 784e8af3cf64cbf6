package snapshot

import (
	"testing"
)

// FuzzParse feeds arbitrary bytes to the snapshot loader: it must return a snapshot or an error
// naming the input, never panic.
func FuzzParse(f *testing.F) {
	// Small seeds: the fuzzer all but stops on the 60 KB reference snapshots.
	addSmallSeeds(f)
	f.Add([]byte(`{"schema_version": "1.0"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse("fuzz.json", data)
		if err != nil {
			if len(err.Error()) == 0 || err.Error()[:10] != "fuzz.json:" {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		if _, err := Marshal(l.Snapshot); err != nil {
			t.Fatalf("a snapshot that loads must marshal: %v", err)
		}
	})
}
