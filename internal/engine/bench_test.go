package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

var (
	estateMu sync.Mutex
	estates  = map[string][]byte{}
)

// estate returns the synthetic snapshot bytes grown from the compliant reference at a scale in
// the cluster shape (what the hybrid checks walk grows too), generated once per test binary.
func estate(tb testing.TB, scale int) []byte {
	return estateFrom(tb, "reference-compliant", scale, synth.ShapeCluster)
}

// estateFrom grows one of the shipped snapshots (by name) to a scale in a shape.
func estateFrom(tb testing.TB, base string, scale int, shape synth.Shape) []byte {
	tb.Helper()
	estateMu.Lock()
	defer estateMu.Unlock()
	key := fmt.Sprintf("%s@%d/%s", base, scale, shape)
	if data, ok := estates[key]; ok {
		return data
	}
	l, err := snapshot.Load(filepath.Join("..", "..", "snapshots", base+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := synth.GenerateShape(l.Snapshot, scale, 1, shape)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := snapshot.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	estates[key] = data
	return data
}

// processCPU is the CPU time (user + system) this process has used so far.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs op b.N times and reports, besides Go's wall time, the process's CPU time per
// operation (garbage collection included): other work on a shared machine stretches wall time
// far more than CPU time, so cpu-ns/op is the figure to compare between runs there. One run
// before timing and a collection leave out one-time costs (the flow built-in compiling the
// device) and the garbage of the sub-benchmark before, which otherwise swamp a few iterations.
func loop(b *testing.B, op func() error) {
	b.Helper()
	if err := op(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ReportAllocs()
	var start time.Duration
	n := 0
	for b.Loop() {
		if n == 0 {
			start = processCPU(b)
		}
		n++
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU(b)-start)/float64(n), "cpu-ns/op")
}

var benchNow = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// benchEngine is the engine with every check, at benchNow.
func benchEngine(b *testing.B) *Engine {
	b.Helper()
	eng, err := New(context.Background(), Options{Now: benchNow})
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// benchLoaded is the synthetic estate at a scale, loaded.
func benchLoaded(b *testing.B, scale int) *snapshot.Loaded {
	b.Helper()
	l, err := snapshot.Parse("bench", estate(b, scale))
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// atScales runs body as the sub-benchmark scaleN at each of the scales 1, 10 and 100.
func atScales(b *testing.B, body func(b *testing.B, scale int)) {
	for _, scale := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("scale%d", scale), func(b *testing.B) { body(b, scale) })
	}
}

func BenchmarkSnapshotLoad(b *testing.B) {
	atScales(b, func(b *testing.B, scale int) {
		data := estate(b, scale)
		b.SetBytes(int64(len(data)))
		loop(b, func() error {
			_, err := snapshot.Parse("bench", data)
			return err
		})
	})
}

// loopLoaded runs op on the synthetic estate loaded at each of atScales' scales.
func loopLoaded(b *testing.B, op func(l *snapshot.Loaded) error) {
	atScales(b, func(b *testing.B, scale int) {
		l := benchLoaded(b, scale)
		loop(b, func() error { return op(l) })
	})
}

func BenchmarkCheckAllPolicies(b *testing.B) {
	eng := benchEngine(b)
	loopLoaded(b, func(l *snapshot.Loaded) error {
		// Every CLI run compiles the device afresh; so does every iteration.
		flow.ResetEvaluatorCache()
		_, err := eng.Check(context.Background(), l)
		return err
	})
}

// benchScales are the scales of the per-policy benchmarks: HYBRIDCHECK_BENCH_SCALE (one scale
// or a comma-separated list), else 10 and 100, whose ratio shows a policy that grows faster than
// the data.
func benchScales(b *testing.B) []int {
	env := os.Getenv("HYBRIDCHECK_BENCH_SCALE")
	if env == "" {
		return []int{10, 100}
	}
	var scales []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("HYBRIDCHECK_BENCH_SCALE: %q is not a scale", f)
		}
		scales = append(scales, n)
	}
	return scales
}

// benchInput is the Rego input of the synthetic estate at a scale, converted once, so the
// evaluation benchmarks measure the policies and not the conversion (BenchmarkInput does).
func benchInput(b *testing.B, eng *Engine, scale int) ast.Value {
	b.Helper()
	input, err := eng.input(benchLoaded(b, scale), benchNow)
	if err != nil {
		b.Fatal(err)
	}
	return input
}

// BenchmarkInput converts a loaded snapshot to Rego input, the engine's fixed cost per check run.
func BenchmarkInput(b *testing.B) {
	eng := benchEngine(b)
	loopLoaded(b, func(l *snapshot.Loaded) error {
		_, err := eng.input(l, benchNow)
		return err
	})
}

// BenchmarkEvaluateAllPolicies is the whole policy set's evaluation alone, on input converted
// once.
func BenchmarkEvaluateAllPolicies(b *testing.B) {
	eng := benchEngine(b)
	atScales(b, func(b *testing.B, scale int) {
		input := benchInput(b, eng, scale)
		loop(b, func() error {
			_, err := eng.evaluate(context.Background(), input, benchNow)
			return err
		})
	})
}

// BenchmarkEachPolicy evaluates every check alone, on input converted once, at each scale of
// benchScales: compare a check's time at scale 10 and 100 to find one that grows faster than
// the data (10x). Every check pays for the lib helpers it uses, which the whole set shares.
func BenchmarkEachPolicy(b *testing.B) {
	all := benchEngine(b)
	for _, scale := range benchScales(b) {
		input := benchInput(b, all, scale)
		for _, c := range all.Checks() {
			b.Run(fmt.Sprintf("scale%d/%s", scale, c.ID), func(b *testing.B) {
				eng, err := New(context.Background(), Options{Only: []string{c.ID}, Now: benchNow})
				if err != nil {
					b.Fatal(err)
				}
				loop(b, func() error {
					_, err := eng.evaluate(context.Background(), input, benchNow)
					return err
				})
			})
		}
	}
}
