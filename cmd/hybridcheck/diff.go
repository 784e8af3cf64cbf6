package main

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/diff"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/s3store"
)

func init() {
	register("diff", "compare two snapshots: new, resolved and unchanged failures, and resource changes", runDiff)
}

// diffFlags are the flags of diff.
type diffFlags struct {
	evalFlags
	latest        string
	format        string
	output        string
	failOn        string
	failOnUnknown bool
}

func (o *diffFlags) flags(fs *pflag.FlagSet) {
	fs.StringVar(&o.latest, "latest", "", "compare the two newest snapshots in `DIR` or s3://BUCKET/PREFIX/ (as written by collect -o)")
	o.declare(fs, "")
	fs.StringVar(&o.format, "format", "text", diff.Registry.Help())
	outputFlag(fs, &o.output, "the diff")
	failOnFlag(fs, &o.failOn, "new failures")
	fs.BoolVar(&o.failOnUnknown, "fail-on-unknown", false, "also exit 1 when a result at or above --fail-on became unknown (the snapshot cannot decide it)")
}

func runDiff(ctx context.Context, e *env, o *diffFlags, fs *pflag.FlagSet) error {
	if err := checkFailOn(o.failOn); err != nil {
		return err
	}
	if _, err := diff.Registry.Get(o.format); err != nil {
		return usageError("--format %q: want one of %s", o.format, strings.Join(diff.Formats, ", "))
	}
	now, err := parseAsOf(o.asOf)
	if err != nil {
		return err
	}
	oldPath, newPath, err := diffPaths(ctx, o.latest, fs.Args())
	if err != nil {
		return err
	}
	if err := refuseOverwritingInput(o.output, oldPath, newPath, o.waivers); err != nil {
		return err
	}
	// Load both before compiling the policies, so a bad path fails fast.
	oldSnap, err := loadSnapshot(ctx, oldPath)
	if err != nil {
		return err
	}
	newSnap, err := loadSnapshot(ctx, newPath)
	if err != nil {
		return err
	}
	if now.IsZero() {
		// One instant for both, so a snapshot's age is measured the same way on each side.
		now = time.Now().UTC()
	}
	eng, ws, err := o.loadEngine(ctx, engine.Options{Now: now})
	if err != nil {
		return err
	}
	// A waived failure is not a new failure, so both sides are waived alike; the notes
	// (expired, unused) are the new snapshot's, where the waivers matter now.
	oldRep, err := checkWaived(ctx, eng, oldSnap, ws, now)
	if err != nil {
		return err
	}
	newRep, err := checkWaived(ctx, eng, newSnap, ws, now)
	if err != nil {
		return err
	}
	warn(e, "diff", newRep.Notes)
	d := diff.Compare(oldRep, newRep, oldSnap.Snapshot, newSnap.Snapshot)
	if err := writeReport(e, o.output, func(b *bytes.Buffer) error { return diff.Render(b, d, o.format) }); err != nil {
		return err
	}
	if o.failOn != "none" && d.FailingWith(o.failOn, o.failOnUnknown) {
		return failing
	}
	return nil
}

// diffPaths are the two snapshots to compare: the two newest of --latest (a folder or an S3
// prefix), or OLD and NEW as given.
func diffPaths(ctx context.Context, latest string, args []string) (oldPath, newPath string, err error) {
	switch {
	case latest != "" && len(args) > 0:
		return "", "", usageError("give either --latest DIR or OLD and NEW, not both")
	case latest != "":
		if s3store.IsURL(latest) {
			return latestInS3(ctx, latest)
		}
		return diff.Latest(latest)
	case len(args) == 2:
		return args[0], args[1], nil
	}
	return "", "", usageError("want OLD and NEW snapshot files (or --latest DIR), got %d arguments (see --help)", len(args))
}
