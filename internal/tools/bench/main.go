// Command bench compares whole-process runs of `hybridcheck check` with `opa eval` of the exact
// query the engine runs (the OPA CLI of the same version with hybridcheck's built-ins, same
// policies, same input, outputs asserted equal) and with a plain Go JSON decode of the snapshot
// (the floor), on synthetic estates of both shapes (internal/synth), and prints medians of wall
// and CPU time and peak RSS, ratios, the growth per scale step and the performance targets.
// `make bench` runs it after the Go benchmarks.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

type measure struct {
	wall  time.Duration
	cpu   time.Duration // user + system: steadier than wall time on a busy machine
	maxKB int64
}

const (
	checkCmd = "hybridcheck check"
	opaCmd   = "opa eval"
	asOf     = "2026-11-21T00:00:00Z"
)

func main() {
	runs := flag.Int("runs", 5, "runs per command, shape and scale (the median is reported)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "hybridcheck-bench"), "working folder for binaries and estates (outside the work tree)")
	scalesFlag := flag.String("scales", "10,100,300", "comma-separated scales")
	shapesFlag := flag.String("shapes", "account,cluster", "comma-separated estate shapes (internal/synth)")
	each := flag.Int("each", 0, "only time each built-in check alone on the cluster-shaped estate of this scale and print the CPU milliseconds as internal/engine/weights.go's entries")
	flag.Parse()
	if *each > 0 {
		if err := printWeights(*dir, *each); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*runs, *dir, *scalesFlag, *shapesFlag); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type row struct {
	check, opa, decode measure
	bytes              int
}

func run(runs int, dir, scalesFlag, shapesFlag string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	hc, opa := filepath.Join(dir, "hybridcheck"), filepath.Join(dir, "opa")
	for bin, pkg := range map[string]string{hc: "./cmd/hybridcheck", opa: "./internal/tools/opa"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	policyDir, err := checkPolicies(dir)
	if err != nil {
		return err
	}
	base, err := snapshot.Load("snapshots/reference-compliant.json")
	if err != nil {
		return err
	}
	now, _ := time.Parse(time.RFC3339, asOf)
	eng, err := engine.New(context.Background(), engine.Options{Now: now})
	if err != nil {
		return err
	}
	scales, err := ints(scalesFlag)
	if err != nil {
		return err
	}
	fmt.Println(machine(opa))
	for _, shape := range strings.Split(shapesFlag, ",") {
		rows := map[int]row{}
		fmt.Printf("\nshape %s\n%-7s %9s %-18s %10s %10s %12s\n", shape, "scale", "MB", "command", "wall s", "cpu s", "peak RSS MB")
		for _, scale := range scales {
			r, err := measureScale(runs, dir, hc, opa, policyDir, eng, base.Snapshot, synth.Shape(shape), scale)
			if err != nil {
				return fmt.Errorf("shape %s scale %d: %v", shape, scale, err)
			}
			rows[scale] = r
			mb := float64(r.bytes) / 1e6
			for _, x := range []struct {
				name string
				m    measure
			}{{checkCmd, r.check}, {opaCmd, r.opa}, {"Go JSON decode", r.decode}} {
				rss := fmt.Sprintf("%12.1f", float64(x.m.maxKB)/1024)
				if x.m.maxKB == 0 {
					rss = fmt.Sprintf("%12s", "-")
				}
				fmt.Printf("%-7d %9.1f %-18s %10.3f %10.3f %s\n", scale, mb, x.name, x.m.wall.Seconds(), x.m.cpu.Seconds(), rss)
			}
			fmt.Printf("%-7d %9s %-18s %9.2fx %9.2fx\n", scale, "", "check / opa eval", ratio(r.check.wall, r.opa.wall), ratio(r.check.cpu, r.opa.cpu))
			fmt.Printf("%-7d %9s %-18s %9.2fx %9.2fx\n", scale, "", "check / decode", ratio(r.check.wall, r.decode.wall), ratio(r.check.cpu, r.decode.cpu))
		}
		largest := scales[len(scales)-1]
		costs, err := checkCosts(eng, filepath.Join(dir, fmt.Sprintf("%s%d.json", shape, largest)))
		if err != nil {
			return fmt.Errorf("shape %s scale %d, each check alone: %v", shape, largest, err)
		}
		printCosts(shape, largest, costs, rows[largest].check.cpu)
		for i := 1; i < len(scales); i++ {
			a, b := rows[scales[i-1]], rows[scales[i]]
			fmt.Printf("growth %d -> %d (data %.1fx), %s: wall %.1fx, cpu %.1fx, peak memory %.1fx\n", scales[i-1], scales[i],
				float64(b.bytes)/float64(a.bytes), checkCmd, ratio(b.check.wall, a.check.wall), ratio(b.check.cpu, a.check.cpu), float64(b.check.maxKB)/float64(a.check.maxKB))
		}
		targets(shape, rows, costs)
	}
	return nil
}

// checkCost is one built-in check evaluated alone (engine.EvaluateEach): the process CPU time
// it took, garbage collection included.
type checkCost struct {
	id  string
	cpu time.Duration
}

// checkCosts times every built-in check alone on an estate, costliest first.
func checkCosts(eng *engine.Engine, input string) ([]checkCost, error) {
	l, err := snapshot.Load(input)
	if err != nil {
		return nil, err
	}
	var out []checkCost
	err = eng.EvaluateEach(context.Background(), l, func(id string, eval func() error) error {
		runtime.GC()
		before := processCPU()
		err := eval()
		out = append(out, checkCost{id, processCPU() - before})
		return err
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].cpu > out[j].cpu })
	return out, err
}

// printCosts lists the costliest checks, each alone, with its share of a whole `check` run's
// CPU time at that scale.
func printCosts(shape string, scale int, costs []checkCost, whole time.Duration) {
	var sum time.Duration
	for _, c := range costs {
		sum += c.cpu
	}
	fmt.Printf("each check alone (%s, scale %d): %d checks, %.2f s CPU in all; costliest, share of one whole check run (%.2f s CPU):\n", shape, scale, len(costs), sum.Seconds(), whole.Seconds())
	for _, c := range costs[:min(5, len(costs))] {
		fmt.Printf("  %-12s %7.3f s  %5.1f%%\n", c.id, c.cpu.Seconds(), 100*ratio(c.cpu, whole))
	}
}

// printWeights times each check alone on the cluster-shaped estate of a scale and prints the
// CPU milliseconds in the form of internal/engine/weights.go's checkWeights.
func printWeights(dir string, scale int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	base, err := snapshot.Load("snapshots/reference-compliant.json")
	if err != nil {
		return err
	}
	s, err := synth.GenerateShape(base.Snapshot, scale, 1, synth.ShapeCluster)
	if err != nil {
		return err
	}
	input := filepath.Join(dir, fmt.Sprintf("weights-cluster%d.json", scale))
	if err := snapshot.Save(input, s); err != nil {
		return err
	}
	now, _ := time.Parse(time.RFC3339, asOf)
	eng, err := engine.New(context.Background(), engine.Options{Now: now})
	if err != nil {
		return err
	}
	costs, err := checkCosts(eng, input)
	if err != nil {
		return err
	}
	sort.Slice(costs, func(i, j int) bool { return costs[i].id < costs[j].id })
	for _, c := range costs {
		fmt.Printf("\t%q: %d,\n", c.id, c.cpu.Milliseconds())
	}
	return nil
}

// measureScale generates one estate, asserts that `opa eval` of the engine's query yields what
// the engine yields, then times the two commands taking turns (a burst of other work on a
// shared machine slows both rather than one) and the plain JSON decode.
func measureScale(runs int, dir, hc, opa, policyDir string, eng *engine.Engine, base *snapshot.Snapshot, shape synth.Shape, scale int) (row, error) {
	var r row
	s, err := synth.GenerateShape(base, scale, 1, shape)
	if err != nil {
		return r, err
	}
	input := filepath.Join(dir, fmt.Sprintf("%s%d.json", shape, scale))
	if err := snapshot.Save(input, s); err != nil {
		return r, err
	}
	data, err := os.ReadFile(input)
	if err != nil {
		return r, err
	}
	r.bytes = len(data)
	// The engine gives policies the time of the check as input.check_context; opa eval gets the
	// same document.
	opaInput := filepath.Join(dir, fmt.Sprintf("%s%d.opa-input.json", shape, scale))
	if err := withCheckContext(data, opaInput); err != nil {
		return r, err
	}
	opaArgs := []string{opa, "eval", "--data", policyDir, "--input", opaInput, "--format", "json", eng.Query()}
	if err := sameResults(eng, input, opaArgs); err != nil {
		return r, err
	}
	cmds := map[string][]string{
		checkCmd: {hc, "check", input, "--format", "json", "--fail-on", "none", "--as-of", asOf},
		opaCmd:   opaArgs,
	}
	all := map[string][]measure{}
	var decodes []measure
	for i := 0; i < runs; i++ {
		for _, name := range []string{checkCmd, opaCmd} {
			m, err := runOnce(cmds[name])
			if err != nil {
				return r, err
			}
			all[name] = append(all[name], m)
		}
		decodes = append(decodes, decode(data))
	}
	r.check, r.opa, r.decode = median(all[checkCmd]), median(all[opaCmd]), median(decodes)
	return r, nil
}

// sameResults fails unless opa eval of the engine's query gives exactly the engine's results
// (deny, unknown, checked and not_applicable of every check): the comparison is only fair on
// the same work.
func sameResults(eng *engine.Engine, input string, opaArgs []string) error {
	l, err := snapshot.Load(input)
	if err != nil {
		return err
	}
	raw, err := eng.Raw(context.Background(), l)
	if err != nil {
		return err
	}
	out, err := exec.Command(opaArgs[0], opaArgs[1:]...).Output()
	if err != nil {
		return fmt.Errorf("opa eval: %v", err)
	}
	var got struct {
		Result []struct {
			Bindings map[string]any `json:"bindings"`
		} `json:"result"`
	}
	if err := json.Unmarshal(out, &got); err != nil || len(got.Result) != 1 {
		return fmt.Errorf("opa eval: unexpected output (%v)", err)
	}
	a, _ := json.Marshal(raw)
	b, _ := json.Marshal(got.Result[0].Bindings["results"])
	if !bytes.Equal(a, b) {
		for k, v := range raw {
			x, _ := json.Marshal(v)
			y, _ := json.Marshal(got.Result[0].Bindings["results"].(map[string]any)[k])
			if !bytes.Equal(x, y) {
				return fmt.Errorf("opa eval of the engine's query gave other results than the engine on %s, check %s:\nengine: %.600s\nopa:    %.600s", input, k, x, y)
			}
		}
		return fmt.Errorf("opa eval of the engine's query gave other results than the engine on %s", input)
	}
	return nil
}

func withCheckContext(data []byte, path string) error {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	doc["check_context"] = map[string]any{"now": asOf}
	out, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// decode is the floor: a plain Go JSON decode of the snapshot, in this process.
func decode(data []byte) measure {
	runtime.GC()
	before := processCPU()
	start := time.Now()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		panic(err) // the snapshot was just written by snapshot.Save
	}
	return measure{wall: time.Since(start), cpu: processCPU() - before}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return a.Seconds() / b.Seconds()
}

func ints(list string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(list, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n < 1 {
			return nil, fmt.Errorf("-scales: %q is not a scale", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// checkPolicies copies the built-in policies without their tests, which `opa eval` would
// otherwise load (the engine skips _test.rego files).
func checkPolicies(dir string) (string, error) {
	out := filepath.Join(dir, "policies")
	if err := os.RemoveAll(out); err != nil {
		return "", err
	}
	err := filepath.WalkDir("policies", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(out, path)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	return out, err
}

// runOnce runs a command and measures it. Peak memory is the child's own VmHWM, sampled from
// /proc while it runs: the rusage of a child forked from this (large) process would report this
// process's resident size instead, since Linux carries the pre-exec high-water mark over.
func runOnce(argv []string) (measure, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measure{}, fmt.Errorf("%s: %v", argv[0], err)
	}
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var kb int64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := vmHWM(status); v > kb {
				kb = v
			}
			select {
			case <-done:
				peak <- kb
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	m := measure{wall: time.Since(start), maxKB: <-peak}
	if err != nil {
		return measure{}, fmt.Errorf("%s: %v", strings.Join(argv[:min(len(argv), 4)], " "), err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return m, nil
}

// vmHWM reads the peak resident set size (kB) from a /proc/PID/status file; 0 when gone.
func vmHWM(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}

// median takes the median of each figure separately.
func median(ms []measure) measure {
	sort.Slice(ms, func(i, j int) bool { return ms[i].wall < ms[j].wall })
	mid := ms[len(ms)/2]
	sort.Slice(ms, func(i, j int) bool { return ms[i].cpu < ms[j].cpu })
	mid.cpu = ms[len(ms)/2].cpu
	sort.Slice(ms, func(i, j int) bool { return ms[i].maxKB < ms[j].maxKB })
	mid.maxKB = ms[len(ms)/2].maxKB
	return mid
}

// machine describes where the figures were taken: they mean little without it.
func machine(opaBin string) string {
	cpu, mem, load := "unknown CPU", "unknown memory", "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(data), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	opa := "unknown"
	if out, err := exec.Command(opaBin, "version").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(line, "Version: "); ok {
				opa = v
			}
		}
	}
	return fmt.Sprintf("machine: %d CPUs (%s), %s, %s, OPA %s; load average %s", runtime.NumCPU(), cpu, mem, runtime.Version(), opa, load)
}

// targets prints the performance issue's targets (2 cores, scale 300) for one shape: check at
// most 0.8x opa eval of the same query and 5x the JSON decode, under 8 s wall and 1 GB peak RSS,
// growth 100 -> 300 at most 3.3x in CPU and memory, and the costliest check (alone) under 10%
// of a whole check run's CPU time.
func targets(shape string, rows map[int]row, costs []checkCost) {
	r, ok := rows[300]
	if !ok {
		return
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	fmt.Printf("target [%s] check <= 0.8x opa eval (scale 300): wall %.2fx, cpu %.2fx %s\n", shape, ratio(r.check.wall, r.opa.wall), ratio(r.check.cpu, r.opa.cpu), verdict(ratio(r.check.cpu, r.opa.cpu) <= 0.8))
	fmt.Printf("target [%s] check <= 5x Go JSON decode (scale 300): wall %.1fx, cpu %.1fx %s\n", shape, ratio(r.check.wall, r.decode.wall), ratio(r.check.cpu, r.decode.cpu), verdict(ratio(r.check.cpu, r.decode.cpu) <= 5))
	fmt.Printf("target [%s] check under 8 s wall (scale 300): %.2f s %s\n", shape, r.check.wall.Seconds(), verdict(r.check.wall < 8*time.Second))
	fmt.Printf("target [%s] peak RSS under 1 GB (scale 300): %.0f MB %s\n", shape, float64(r.check.maxKB)/1024, verdict(r.check.maxKB < 1<<20))
	if x, ok := rows[100]; ok && x.check.cpu > 0 {
		tc, tm := ratio(r.check.cpu, x.check.cpu), float64(r.check.maxKB)/float64(x.check.maxKB)
		fmt.Printf("target [%s] growth 100 -> 300 at most 3.3x: cpu %.1fx, memory %.1fx %s\n", shape, tc, tm, verdict(tc <= 3.3 && tm <= 3.3))
	}
	if len(costs) > 0 {
		share := ratio(costs[0].cpu, r.check.cpu)
		fmt.Printf("target [%s] costliest check under 10%% of the total (scale 300): %s alone %.2f s CPU, %.1f%% of check's %.2f s %s\n",
			shape, costs[0].id, costs[0].cpu.Seconds(), 100*share, r.check.cpu.Seconds(), verdict(share < 0.10))
	}
}
