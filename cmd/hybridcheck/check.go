package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/atomicfile"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/waiver"
)

func init() {
	register("check", "evaluate the checks against a snapshot and report the findings", runCheck)
}

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags("check", "check SNAPSHOT [flags]",
		"Evaluates every built-in check (and those of --policy-dir) against SNAPSHOT (a file, or\n"+
			"s3://BUCKET/KEY read with the standard AWS credential chain) and reports each\n"+
			"result as pass, fail, unknown (the snapshot lacks what the check needs, named in the message),\n"+
			"not_applicable, waived or error. Exits 1 when a failing result is at or above --fail-on (and,\n"+
			"with --fail-on-unknown, an unknown one), 2 when the snapshot or a policy cannot be read.", e.stdout)
	policyDirs := fs.StringArray("policy-dir", nil, "add the Rego checks in `DIR` (repeatable)")
	format := fs.String("format", "text", report.Registry.Help())
	output := fs.StringP("output", "o", "", "write the report to `FILE` (atomically; -, devices and FIFOs are written straight through) instead of stdout")
	failOn := fs.String("fail-on", "low", "exit 1 on failing results at or above `SEVERITY`: "+strings.Join(result.Severities, ", ")+", or none")
	failOnUnknown := fs.Bool("fail-on-unknown", false, "also exit 1 on unknown results at or above --fail-on (the snapshot cannot decide them)")
	waivers := fs.String("waivers", "", "YAML `FILE` of waivers (check id, resource glob, justification, approver, expiry)")
	only := fs.StringSlice("only", nil, "evaluate only these check `IDs` (comma-separated)")
	quiet := fs.BoolP("quiet", "q", false, "text format: print only the failures and the summary line")
	asOf := fs.String("as-of", "", "evaluate as if checked at `TIME` (RFC 3339; default now): re-checks old evidence reproducibly;\n"+
		"policies' time.now_ns() answers this time and rand.intn/uuid.rfc4122 use a fixed seed")
	policyTimeout := fs.Duration("policy-timeout", engine.DefaultPolicyTimeout, "stop a --policy-dir check after `DURATION` and report it as an error;\n"+
		"user checks run one by one after the built-ins, whose results always stand")
	policyMemory := fs.Int("policy-memory", engine.DefaultPolicyMemory>>20, "stop a --policy-dir check whose evaluation grows the heap by more than `MIB` mebibytes\n"+
		"and report it as an error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("want exactly one SNAPSHOT file, got %d arguments (see --help)", fs.NArg())
	}
	if err := checkFailOn(*failOn); err != nil {
		return err
	}
	renderer, err := report.Get(*format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	if *policyTimeout <= 0 {
		return usageError("--policy-timeout %s: want a positive duration such as 10s", *policyTimeout)
	}
	if *policyMemory <= 0 {
		return usageError("--policy-memory %d: want a positive number of MiB such as 1024", *policyMemory)
	}
	if *quiet && *format != "text" {
		return usageError("--quiet shortens the text report; --format %s always carries every result", *format)
	}
	now, err := parseAsOf(*asOf)
	if err != nil {
		return err
	}
	if err := refuseOverwritingInput(*output, fs.Arg(0), *waivers); err != nil {
		return err
	}
	tuneCollector(fs.Arg(0))
	// The policies compile while the snapshot loads (two cores, two independent jobs); a bad
	// snapshot is still reported before a bad policy.
	type compiled struct {
		eng *engine.Engine
		err error
	}
	built := make(chan compiled, 1)
	go func() {
		eng, err := engine.New(ctx, engine.Options{PolicyDirs: *policyDirs, Only: *only, Now: now,
			PolicyTimeout: *policyTimeout, PolicyMemory: uint64(*policyMemory) << 20})
		built <- compiled{eng, err}
	}()
	loaded, err := loadSnapshot(ctx, fs.Arg(0))
	c := <-built
	if err != nil {
		return err
	}
	eng, err := c.eng, c.err
	if err != nil {
		return err
	}
	ws, err := loadWaivers(*waivers, eng)
	if err != nil {
		return err
	}
	rep, err := eng.Check(ctx, loaded)
	if err != nil {
		return err
	}
	if ws != nil {
		if now.IsZero() {
			now = time.Now()
		}
		*rep, _ = waiver.Apply(*rep, ws, now)
		for _, n := range rep.Notes {
			fmt.Fprintf(e.stderr, "hybridcheck check: warning: %s\n", n)
		}
	}
	opts := report.Options{Color: *output == "" && e.stdoutIsTerminal && os.Getenv("NO_COLOR") == "", Quiet: *quiet}
	if err := writeReport(e, *output, func(b *bytes.Buffer) error { return renderer.Render(b, rep, opts) }); err != nil {
		return err
	}
	if *failOn != "none" && result.FailingWith(rep.Results, *failOn, *failOnUnknown) {
		return failing
	}
	return nil
}

// loadWaivers reads --waivers (nil when not given), refusing waivers for IDs no policy
// declares, and keeps those for the checks this run evaluates (with --only, the others are
// neither applied nor reported unused).
func loadWaivers(path string, eng *engine.Engine) ([]*waiver.Waiver, error) {
	if path == "" {
		return nil, nil
	}
	ws, err := waiver.Load(path, eng.KnownIDs())
	if err != nil {
		return nil, err
	}
	running := map[string]bool{}
	for _, c := range eng.Checks() {
		running[c.ID] = true
	}
	kept := []*waiver.Waiver{}
	for _, w := range ws {
		if running[w.ID] {
			kept = append(kept, w)
		}
	}
	return kept, nil
}

// refuseOverwritingInput stops `-o` from replacing one of the run's own inputs (the snapshot a
// report is made from is the evidence behind it).
func refuseOverwritingInput(output string, inputs ...string) error {
	if output == "" || output == "-" {
		return nil
	}
	for _, in := range inputs {
		if in != "" && atomicfile.SameFile(output, in) {
			return usageError("-o %s is the input %s; give another file", output, in)
		}
	}
	return nil
}

// writeReport renders into memory first, so a failing renderer never leaves half a report,
// then writes to stdout or atomically to a file.
func writeReport(e *env, path string, render func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("rendering the report: %v", err)
	}
	if path == "" || path == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return atomicfile.Write(path, buf.Bytes())
}
