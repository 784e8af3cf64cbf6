// Command synthgen writes a synthetic estate snapshot for benchmarks:
//
//	go run ./internal/synth/synthgen -scale 100 -o /tmp/scale100.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

func main() {
	base := flag.String("base", "snapshots/reference-compliant.json", "the reference snapshot to grow")
	scale := flag.Int("scale", 10, "estate scale (1 = the reference; 100 = 200 VPCs, 5,000 SGs, 5,000 device rules...)")
	seed := flag.Int64("seed", 1, "random seed (same seed, same bytes)")
	out := flag.String("o", "", "output file (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synthgen: -o FILE is required")
		os.Exit(2)
	}
	l, err := snapshot.Load(*base)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(2)
	}
	s, err := synth.Generate(l.Snapshot, *scale, *seed)
	if err == nil {
		err = snapshot.Save(*out, s)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(2)
	}
}
