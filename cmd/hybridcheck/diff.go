package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/diff"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/s3store"
	"github.com/hybridcheck/hybridcheck/internal/waiver"
)

func init() {
	register("diff", "compare two snapshots: new, resolved and unchanged failures, and resource changes", runDiff)
}

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags("diff", "diff OLD NEW [flags]\n       hybridcheck diff --latest DIR [flags]",
		"Checks OLD and NEW with the same policies and lists the failures that are new in NEW, those\n"+
			"resolved since OLD and those unchanged (a result is matched by check ID and resource, not by\n"+
			"its message), then the rules, routes, tunnels and phase 2s added, removed or changed between\n"+
			"the two. With --latest, OLD and NEW are the two newest snapshots (*.json, by collected_at) in\n"+
			"DIR; in s3://BUCKET/PREFIX/, the two newest by the time in their names (snapshot-TIME.json as\n"+
			"collect -o writes them). OLD and NEW may be s3:// URLs too. Exits 1 only when a NEW failure is\n"+
			"at or above --fail-on, 2 on unreadable input.", e.stdout)
	latest := fs.String("latest", "", "compare the two newest snapshots in `DIR` or s3://BUCKET/PREFIX/ (as written by collect -o)")
	policyDirs := fs.StringArray("policy-dir", nil, "add the Rego checks in `DIR` (repeatable)")
	format := fs.String("format", "text", diff.Registry.Help())
	output := fs.StringP("output", "o", "", "write the diff to `FILE` (atomically; -, devices and FIFOs are written straight through) instead of stdout")
	failOn := fs.String("fail-on", "low", "exit 1 on new failures at or above `SEVERITY`: "+strings.Join(result.Severities, ", ")+", or none")
	failOnUnknown := fs.Bool("fail-on-unknown", false, "also exit 1 when a result at or above --fail-on became unknown (the snapshot cannot decide it)")
	waivers := fs.String("waivers", "", "YAML `FILE` of waivers applied to both snapshots' results, as in check")
	asOf := fs.String("as-of", "", "evaluate both snapshots as if checked at `TIME` (RFC 3339; default now)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFailOn(*failOn); err != nil {
		return err
	}
	if _, err := diff.Registry.Get(*format); err != nil {
		return usageError("--format %q: want one of %s", *format, strings.Join(diff.Formats, ", "))
	}
	now, err := parseAsOf(*asOf)
	if err != nil {
		return err
	}
	oldPath, newPath, err := diffPaths(ctx, *latest, fs.Args())
	if err != nil {
		return err
	}
	if err := refuseOverwritingInput(*output, oldPath, newPath, *waivers); err != nil {
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
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: *policyDirs, Now: now})
	if err != nil {
		return err
	}
	ws, err := loadWaivers(*waivers, eng)
	if err != nil {
		return err
	}
	oldRep, err := eng.Check(ctx, oldSnap)
	if err != nil {
		return err
	}
	newRep, err := eng.Check(ctx, newSnap)
	if err != nil {
		return err
	}
	if ws != nil {
		// A waived failure is not a new failure; the notes (expired, unused) are the new
		// snapshot's, where the waivers matter now.
		*newRep, _ = waiver.Apply(*newRep, ws, now)
		*oldRep, _ = waiver.Apply(*oldRep, ws, now)
		for _, n := range newRep.Notes {
			fmt.Fprintf(e.stderr, "hybridcheck diff: warning: %s\n", n)
		}
	}
	d := diff.Compare(oldRep, newRep, oldSnap.Snapshot, newSnap.Snapshot)
	if err := writeReport(e, *output, func(b *bytes.Buffer) error { return diff.Render(b, d, *format) }); err != nil {
		return err
	}
	if *failOn != "none" && d.FailingWith(*failOn, *failOnUnknown) {
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
