package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// TestReferenceGolden renders every format for the project's reference snapshots, checked by
// the real engine at a fixed time. The golden files change whenever a policy's results do:
// regenerate them with `go test ./internal/report -update` and review the diff.
func TestReferenceGolden(t *testing.T) {
	update := flag.Lookup("update").Value.String() == "true"
	eng, err := engine.New(context.Background(), engine.Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"reference-compliant", "reference-broken"} {
		loaded, err := snapshot.Load(filepath.Join("..", "..", "snapshots", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), loaded)
		if err != nil {
			t.Fatal(err)
		}
		// As a user runs it from the repository root, so SARIF locations are repository paths.
		rep.Snapshot.Path = "snapshots/" + name + ".json"
		// The policy digest changes with every policy edit, even one that changes no result;
		// engine tests cover it, and these files pin the rendering.
		rep.Scope.PolicyVersion = rep.Scope.ToolVersion + "+sha256:(policy digest)"
		for _, format := range report.Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				r, err := report.Get(format)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := r.Render(&buf, rep, report.Options{}); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", name+goldenSuffix[format])
				if update {
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/report -update)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs from the golden file (if the policies changed on purpose, run go test ./internal/report -update); got:\n%s", path, buf.Bytes())
				}
			})
		}
	}
}

// goldenSuffix names the golden files so the SARIF and JUnit schema tests pick them up.
var goldenSuffix = map[string]string{
	"text": ".txt", "json": ".json", "sarif": ".sarif", "junit": ".junit.xml", "markdown": ".md", "html": ".html",
	"asff": ".asff.json", "ocsf": ".ocsf.json",
}
