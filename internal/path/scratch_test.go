package path

import (
	"os"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func TestScratch(t *testing.T) {
	for _, p := range []string{os.Getenv("SNAP")} {
		l, err := snapshot.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		n, err := New(l.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		fs, _ := n.SeedFlows()
		for _, f := range fs {
			tr, err := n.Trace(f)
			if err != nil {
				t.Fatal(err)
			}
			WriteText(os.Stdout, tr)
		}
	}
}
