package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/atomicfile"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/waiver"
)

func init() {
	register("check", "evaluate the checks against a snapshot and report the findings", runCheck)
}

// checkFlags are the flags of check.
type checkFlags struct {
	evalFlags
	format        string
	output        string
	failOn        string
	failOnUnknown bool
	only          []string
	quiet         bool
	policyTimeout time.Duration
	policyMemory  int
}

func (o *checkFlags) flags(fs *pflag.FlagSet) {
	o.declare(fs, "")
	fs.StringVar(&o.format, "format", "text", report.Registry.Help())
	outputFlag(fs, &o.output, "the report")
	failOnFlag(fs, &o.failOn, "failing results")
	fs.BoolVar(&o.failOnUnknown, "fail-on-unknown", false, "also exit 1 on unknown results at or above --fail-on (the snapshot cannot decide them)")
	fs.StringSliceVar(&o.only, "only", nil, "evaluate only these check `IDs` (comma-separated)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "text format: print only the failures and the summary line")
	fs.DurationVar(&o.policyTimeout, "policy-timeout", engine.DefaultPolicyTimeout, "stop a --policy-dir check after `DURATION` and report it as an error;\n"+
		"user checks run one by one after the built-ins, whose results always stand")
	fs.IntVar(&o.policyMemory, "policy-memory", engine.DefaultPolicyMemory>>20, "stop a --policy-dir check whose evaluation grows the heap by more than `MIB` mebibytes\n"+
		"and report it as an error")
}

func runCheck(ctx context.Context, e *env, o *checkFlags, fs *pflag.FlagSet) error {
	if fs.NArg() != 1 {
		return usageError("want exactly one SNAPSHOT file, got %d arguments (see --help)", fs.NArg())
	}
	if err := checkFailOn(o.failOn); err != nil {
		return err
	}
	renderer, err := report.Get(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	if o.policyTimeout <= 0 {
		return usageError("--policy-timeout %s: want a positive duration such as 10s", o.policyTimeout)
	}
	if o.policyMemory <= 0 {
		return usageError("--policy-memory %d: want a positive number of MiB such as 1024", o.policyMemory)
	}
	if o.quiet && o.format != "text" {
		return usageError("--quiet shortens the text report; --format %s always carries every result", o.format)
	}
	now, err := parseAsOf(o.asOf)
	if err != nil {
		return err
	}
	if err := refuseOverwritingInput(o.output, fs.Arg(0), o.waivers); err != nil {
		return err
	}
	tuneCollector(fs.Arg(0))
	// The policies compile while the snapshot loads (two cores, two independent jobs); a bad
	// snapshot is still reported before a bad policy.
	type compiled struct {
		eng *engine.Engine
		ws  []*waiver.Waiver
		err error
	}
	built := make(chan compiled, 1)
	go func() {
		eng, ws, err := o.loadEngine(ctx, engine.Options{Only: o.only, Now: now,
			PolicyTimeout: o.policyTimeout, PolicyMemory: uint64(o.policyMemory) << 20})
		built <- compiled{eng, ws, err}
	}()
	loaded, err := loadSnapshot(ctx, fs.Arg(0))
	c := <-built
	if err != nil {
		return err
	}
	if c.err != nil {
		return c.err
	}
	rep, err := checkWaived(ctx, c.eng, loaded, c.ws, now)
	if err != nil {
		return err
	}
	warn(e, "check", rep.Notes)
	opts := report.Options{Color: o.output == "" && e.stdoutIsTerminal && os.Getenv("NO_COLOR") == "", Quiet: o.quiet}
	if err := writeReport(e, o.output, func(b *bytes.Buffer) error { return renderer.Render(b, rep, opts) }); err != nil {
		return err
	}
	if o.failOn != "none" && result.FailingWith(rep.Results, o.failOn, o.failOnUnknown) {
		return failing
	}
	return nil
}

// checkWaived checks a loaded snapshot and applies the waivers ws (none when nil) as of now (the
// wall clock when zero), as check, diff and report all judge a snapshot. The report's notes are
// the waivers' (expired, unused).
func checkWaived(ctx context.Context, eng *engine.Engine, loaded *snapshot.Loaded, ws []*waiver.Waiver, now time.Time) (*result.Report, error) {
	rep, err := eng.Check(ctx, loaded)
	if err != nil {
		return nil, err
	}
	if ws != nil {
		if now.IsZero() {
			now = time.Now()
		}
		*rep, _ = waiver.Apply(*rep, ws, now)
	}
	return rep, nil
}

// loadEngine compiles the built-in checks and those of --policy-dir with opts (evaluated at
// opts.Now, the wall clock when zero), and reads --waivers against them (nil when not given).
func (f *evalFlags) loadEngine(ctx context.Context, opts engine.Options) (*engine.Engine, []*waiver.Waiver, error) {
	opts.PolicyDirs = f.policyDirs
	eng, err := engine.New(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	ws, err := loadWaivers(f.waivers, eng)
	if err != nil {
		return nil, nil, err
	}
	return eng, ws, nil
}

// warn prints each note of a report (an expired or unused waiver) on stderr, as a warning of
// the command.
func warn(e *env, command string, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "hybridcheck %s: warning: %s\n", command, n)
	}
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
