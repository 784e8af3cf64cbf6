package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

var (
	estateMu sync.Mutex
	estates  = map[int][]byte{}
)

// estate returns the synthetic snapshot bytes at a scale, generated once per test binary.
func estate(b *testing.B, scale int) []byte {
	b.Helper()
	estateMu.Lock()
	defer estateMu.Unlock()
	if data, ok := estates[scale]; ok {
		return data
	}
	base, err := snapshot.Load(filepath.Join("..", "..", "snapshots", "reference-compliant.json"))
	if err != nil {
		b.Fatal(err)
	}
	s, err := synth.Generate(base.Snapshot, scale, 1)
	if err != nil {
		b.Fatal(err)
	}
	data, err := snapshot.Marshal(s)
	if err != nil {
		b.Fatal(err)
	}
	estates[scale] = data
	return data
}

var benchNow = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func BenchmarkSnapshotLoad(b *testing.B) {
	for _, scale := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("scale%d", scale), func(b *testing.B) {
			data := estate(b, scale)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := snapshot.Parse("bench", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheckAllPolicies(b *testing.B) {
	eng, err := New(context.Background(), Options{Now: benchNow})
	if err != nil {
		b.Fatal(err)
	}
	for _, scale := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("scale%d", scale), func(b *testing.B) {
			l, err := snapshot.Parse("bench", estate(b, scale))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Check(context.Background(), l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEachPolicy evaluates every check alone on the scale-10 estate, to find slow ones.
func BenchmarkEachPolicy(b *testing.B) {
	all, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	scale := 10
	if s := os.Getenv("HYBRIDCHECK_BENCH_SCALE"); s != "" {
		fmt.Sscan(s, &scale)
	}
	l, err := snapshot.Parse("bench", estate(b, scale))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range all.Checks() {
		b.Run(c.ID, func(b *testing.B) {
			eng, err := New(context.Background(), Options{Only: []string{c.ID}, Now: benchNow})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Check(context.Background(), l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
