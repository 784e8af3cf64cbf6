package report_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// benchReports are the reports the rendering benchmarks draw: the broken reference as the
// engine checks it, and a large one in which every result of it repeats for 100 resources, as
// an estate with thousands of failing groups and routes would give.
func benchReports(b *testing.B) map[string]*result.Report {
	b.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	loaded, err := snapshot.Load(filepath.Join("..", "..", "snapshots", "reference-broken.json"))
	if err != nil {
		b.Fatal(err)
	}
	ref, err := eng.Check(context.Background(), loaded)
	if err != nil {
		b.Fatal(err)
	}
	large := *ref
	large.Results = nil
	for i := 0; i < 100; i++ {
		for _, r := range ref.Results {
			r.Resource = fmt.Sprintf("%s-%03d", r.Resource, i)
			large.Results = append(large.Results, r)
		}
	}
	result.Sort(large.Results)
	large.Summary = result.Summarize(large.Results)
	return map[string]*result.Report{"reference": ref, "large": &large}
}

func BenchmarkRender(b *testing.B) {
	reports := benchReports(b)
	for _, name := range []string{"reference", "large"} {
		rep := reports[name]
		for _, format := range report.Formats {
			b.Run(fmt.Sprintf("%s-%d-results/%s", name, len(rep.Results), format), func(b *testing.B) {
				r, err := report.Get(format)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := r.Render(io.Discard, rep, report.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
