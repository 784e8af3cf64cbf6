package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"
	"github.com/hybridcheck/hybridcheck/internal/orgreport"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/s3store"
)

func init() {
	register("report", "one summary across every account's newest snapshot (org scans)", runReport)
}

// reportFlags are the flags of report.
type reportFlags struct {
	evalFlags
	latest string
	format string
	output string
	failOn string
}

func (o *reportFlags) flags(fs *pflag.FlagSet) {
	fs.StringVar(&o.latest, "latest", "", "summarise the newest snapshot of each folder under `DIR` or s3://BUCKET/PREFIX/ (required)")
	fs.StringVar(&o.format, "format", "markdown", "output format: "+strings.Join(orgreport.Formats, ", "))
	outputFlag(fs, &o.output, "the summary")
	o.declare(fs, "")
	failOnFlag(fs, &o.failOn, "failing results")
}

func runReport(ctx context.Context, e *env, o *reportFlags, fls *pflag.FlagSet) error {
	if o.latest == "" || fls.NArg() > 0 {
		return usageError("want --latest DIR or --latest s3://BUCKET/PREFIX/ and no arguments (see --help)")
	}
	if o.format != "markdown" && o.format != "html" {
		return usageError("--format %q: want markdown or html", o.format)
	}
	if err := checkFailOn(o.failOn); err != nil {
		return err
	}
	now, err := parseAsOf(o.asOf)
	if err != nil {
		return err
	}
	paths, err := newestSnapshots(ctx, o.latest)
	if err != nil {
		return err
	}
	if now.IsZero() {
		now = time.Now().UTC() // one instant for every snapshot
	}
	eng, ws, err := o.loadEngine(ctx, engine.Options{Now: now})
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
		rep, err := checkWaived(ctx, eng, loaded, ws, now)
		if err != nil {
			return err
		}
		rows = append(rows, orgreport.NewRow(rep))
		anyFailing = anyFailing || (o.failOn != "none" && result.FailingWith(rep.Results, o.failOn, false))
	}
	orgreport.Sort(rows)
	if err := writeReport(e, o.output, func(b *bytes.Buffer) error { return orgreport.Render(b, o.latest, rows, o.format) }); err != nil {
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
		store, loc, err := openS3(ctx, root, "--latest ")
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
		return nil, fmt.Errorf("%s: %v", root, inputfile.UnwrapPath(err))
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
