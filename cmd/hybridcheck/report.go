package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/orgreport"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/s3store"
	"github.com/hybridcheck/hybridcheck/internal/waiver"
)

func init() {
	register("report", "one summary across every account's newest snapshot (org scans)", runReport)
}

func runReport(ctx context.Context, e *env, args []string) error {
	fls := newFlags("report", "report --latest DIR|s3://BUCKET/PREFIX/ [--format markdown|html] [-o FILE] [flags]",
		"Finds the newest snapshot in every folder under DIR or s3://BUCKET/PREFIX/ (an org scan writes one\n"+
			"folder per account and region, see examples/org-scan/), checks each with the same policies and\n"+
			"renders one summary: a row per account and region with its counts and failing checks. Newest is\n"+
			"by the time in the name (snapshot-TIME.json, as collect -o writes it). S3 is read with the\n"+
			"standard AWS credential chain. Exits 1 when any snapshot has a failing result at or above\n"+
			"--fail-on, 2 when none is found or one cannot be read.", e.stdout)
	latest := fls.String("latest", "", "summarise the newest snapshot of each folder under `DIR` or s3://BUCKET/PREFIX/ (required)")
	format := fls.String("format", "markdown", "output format: "+strings.Join(orgreport.Formats, ", "))
	output := fls.StringP("output", "o", "", "write the summary to `FILE` (atomically) instead of stdout")
	policyDirs := fls.StringArray("policy-dir", nil, "add the Rego checks in `DIR` (repeatable)")
	waivers := fls.String("waivers", "", "YAML `FILE` of waivers applied to every snapshot, as in check")
	failOn := fls.String("fail-on", "low", "exit 1 on failing results at or above `SEVERITY`: "+strings.Join(result.Severities, ", ")+", or none")
	asOf := fls.String("as-of", "", "evaluate as if checked at `TIME` (RFC 3339; default now)")
	if err := parseFlags(fls, args); err != nil {
		return err
	}
	if *latest == "" || fls.NArg() > 0 {
		return usageError("want --latest DIR or --latest s3://BUCKET/PREFIX/ and no arguments (see --help)")
	}
	if *format != "markdown" && *format != "html" {
		return usageError("--format %q: want markdown or html", *format)
	}
	if err := checkFailOn(*failOn); err != nil {
		return err
	}
	now, err := parseAsOf(*asOf)
	if err != nil {
		return err
	}
	paths, err := newestSnapshots(ctx, *latest)
	if err != nil {
		return err
	}
	if now.IsZero() {
		now = time.Now().UTC() // one instant for every snapshot
	}
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: *policyDirs, Now: now})
	if err != nil {
		return err
	}
	ws, err := loadWaivers(*waivers, eng)
	if err != nil {
		return err
	}
	var rows []orgreport.Row
	anyFailing := false
	for _, p := range paths {
		loaded, err := loadSnapshot(ctx, p)
		if err != nil {
			return err
		}
		rep, err := eng.Check(ctx, loaded)
		if err != nil {
			return err
		}
		if ws != nil {
			*rep, _ = waiver.Apply(*rep, ws, now)
		}
		rows = append(rows, orgreport.NewRow(rep))
		anyFailing = anyFailing || (*failOn != "none" && result.FailingWith(rep.Results, *failOn, false))
	}
	orgreport.Sort(rows)
	if err := writeReport(e, *output, func(b *bytes.Buffer) error { return orgreport.Render(b, *latest, rows, *format) }); err != nil {
		return err
	}
	if anyFailing {
		return failing
	}
	return nil
}

// newestSnapshots lists the newest snapshot of each folder under a local folder or S3 prefix.
func newestSnapshots(ctx context.Context, root string) ([]string, error) {
	if s3store.IsURL(root) {
		loc, err := s3store.Parse(root)
		if err != nil {
			return nil, usageError("--latest %v", err)
		}
		store, err := s3store.New(ctx, s3store.Options{})
		if err != nil {
			return nil, err
		}
		newest, err := store.NewestPerFolder(ctx, loc)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, l := range newest {
			out = append(out, l.String())
		}
		return out, nil
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, filepath.ToSlash(p))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", root, unwrapFSError(err))
	}
	newest := s3store.NewestPerFolderOf(s3store.SortSnapshots(files))
	if len(newest) == 0 {
		return nil, fmt.Errorf("%s: no snapshots (snapshot-TIME.json, as collect -o writes them)", root)
	}
	var out []string
	for _, l := range newest {
		out = append(out, filepath.FromSlash(l.Key))
	}
	return out, nil
}

func unwrapFSError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
