// Command bench compares whole-process runs of `hybridcheck check` with `opa eval` (the OPA CLI
// of the same version with hybridcheck's built-ins, same policies, same input) on synthetic
// estates, and prints medians, their ratio, and the scale-10 → scale-100 growth of time and peak
// memory. `make bench` runs it after the Go benchmarks.
package main

import (
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

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

type measure struct {
	wall  time.Duration
	cpu   time.Duration // user + system: steadier than wall time on a busy machine
	maxKB int64
}

func main() {
	runs := flag.Int("runs", 5, "runs per command and scale (the median is reported)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "hybridcheck-bench"), "working folder for binaries and estates (outside the work tree)")
	scalesFlag := flag.String("scales", "10,100", "comma-separated scales")
	flag.Parse()
	if err := run(*runs, *dir, *scalesFlag); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(runs int, dir, scalesFlag string) error {
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
	var scales []int
	for _, s := range strings.Split(scalesFlag, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil {
			return fmt.Errorf("-scales: %q", s)
		}
		scales = append(scales, n)
	}
	results := map[string]map[int]measure{"hybridcheck check": {}, "opa eval": {}}
	fmt.Println(machine(opa))
	fmt.Printf("%-7s %-18s %10s %10s %12s\n", "scale", "command", "wall s", "cpu s", "peak RSS MB")
	for _, scale := range scales {
		s, err := synth.Generate(base.Snapshot, scale, 1)
		if err != nil {
			return err
		}
		input := filepath.Join(dir, fmt.Sprintf("scale%d.json", scale))
		if err := snapshot.Save(input, s); err != nil {
			return err
		}
		cmds := map[string][]string{
			"hybridcheck check": {hc, "check", input, "--format", "json", "--fail-on", "none", "--as-of", "2026-11-21T00:00:00Z"},
			"opa eval":          {opa, "eval", "--data", policyDir, "--input", input, "--format", "json", "data.hybridcheck"},
		}
		// The two commands take turns, so a burst of other work on a shared machine slows both
		// rather than one.
		all := map[string][]measure{}
		for i := 0; i < runs; i++ {
			for _, name := range []string{"hybridcheck check", "opa eval"} {
				m, err := runOnce(cmds[name])
				if err != nil {
					return fmt.Errorf("%s at scale %d: %v", name, scale, err)
				}
				all[name] = append(all[name], m)
			}
		}
		for _, name := range []string{"hybridcheck check", "opa eval"} {
			m := median(all[name])
			results[name][scale] = m
			fmt.Printf("%-7d %-18s %10.3f %10.3f %12.1f\n", scale, name, m.wall.Seconds(), m.cpu.Seconds(), float64(m.maxKB)/1024)
		}
		h, o := results["hybridcheck check"][scale], results["opa eval"][scale]
		fmt.Printf("%-7d %-18s %10.2fx %9.2fx\n", scale, "check / opa eval", h.wall.Seconds()/o.wall.Seconds(), h.cpu.Seconds()/o.cpu.Seconds())
	}
	if len(scales) == 2 {
		a, b := scales[0], scales[1]
		for _, name := range []string{"hybridcheck check", "opa eval"} {
			x, y := results[name][a], results[name][b]
			fmt.Printf("growth scale %d -> %d, %s: wall %.1fx, cpu %.1fx, peak memory %.1fx\n", a, b, name,
				y.wall.Seconds()/x.wall.Seconds(), y.cpu.Seconds()/x.cpu.Seconds(), float64(y.maxKB)/float64(x.maxKB))
		}
	}
	targets(results)
	return nil
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

func runOnce(argv []string) (measure, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measure{}, fmt.Errorf("%s: %v", strings.Join(argv, " "), err)
	}
	m := measure{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxKB = ru.Maxrss
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return m, nil
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

// targets prints the performance issue's targets against the scale-100 figures.
func targets(results map[string]map[int]measure) {
	h, o := results["hybridcheck check"][100], results["opa eval"][100]
	if h.wall == 0 {
		return
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	fmt.Printf("target check <= 1.0x opa eval (wall, scale 100): %.2fx %s\n", h.wall.Seconds()/o.wall.Seconds(), verdict(h.wall <= o.wall))
	fmt.Printf("target check under 5 s (scale 100): %.2f s wall, %.2f s cpu %s\n", h.wall.Seconds(), h.cpu.Seconds(), verdict(h.wall < 5*time.Second))
	fmt.Printf("target peak RSS under 1.5 GB (scale 100): %.0f MB %s\n", float64(h.maxKB)/1024, verdict(h.maxKB < 1536*1024))
	if x, ok := results["hybridcheck check"][10]; ok && x.wall > 0 {
		tw, tc, tm := h.wall.Seconds()/x.wall.Seconds(), h.cpu.Seconds()/x.cpu.Seconds(), float64(h.maxKB)/float64(x.maxKB)
		fmt.Printf("target growth 10 -> 100 at most 12x: wall %.1fx, cpu %.1fx, memory %.1fx %s\n", tw, tc, tm, verdict(tw <= 12 && tm <= 12))
	}
}
