package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/atomicfile"
	"github.com/hybridcheck/hybridcheck/internal/collector"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("init", "draft a commented intent file from a snapshot or a live account", runInit)
}

// initFlags are the flags of init: where the AWS side is read from and where the draft goes.
type initFlags struct {
	collector.Options
	output       string
	force, quiet bool
}

func (f *initFlags) flags(fs *pflag.FlagSet) {
	awsSourceFlags(fs, &f.Options, awsSourceHelp{
		vpcID:   "the cluster VPC, when there is no EKS cluster to read it from",
		timeout: "limit per AWS API call",
	})
	fs.StringVar(&f.Live.Region, "region", "", "AWS region (default: AWS_REGION or the profile's region)")
	fs.StringVarP(&f.output, "output", "o", "", "write the intent to `FILE` instead of standard output")
	fs.BoolVar(&f.force, "force", false, "overwrite -o FILE if it exists")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no summary line on stderr")
}

func runInit(ctx context.Context, e *env, f *initFlags, fs *pflag.FlagSet) error {
	o, out, force, quiet := f.Options, f.output, f.force, f.quiet
	collecting := o.AWSLive || len(o.AWSDirs) > 0
	switch {
	case fs.NArg() > 1:
		return usageError("want at most one SNAPSHOT, got %d arguments (see --help)", fs.NArg())
	case fs.NArg() == 1 && collecting:
		return usageError("give a SNAPSHOT or --aws/--aws-dir, not both")
	case fs.NArg() == 0 && !collecting:
		return usageError("nothing to read: give a SNAPSHOT, --aws --cluster NAME, or --aws-dir DIR (see --help)")
	case o.AWSLive && o.Cluster == "" && o.VPCID == "":
		return usageError("--aws needs --cluster NAME (or --vpc-id ID) to know which network to read")
	}
	if out != "" && !force {
		if _, err := os.Lstat(out); err == nil {
			return usageError("-o %s: the file exists; pass --force to overwrite it", out)
		}
	}
	snap, origin, err := initSource(ctx, fs.Args(), o)
	if err != nil {
		return err
	}
	lines := collector.DraftIntent(snap)
	var buf bytes.Buffer
	if err := collector.WriteDraft(&buf, origin, lines); err != nil {
		return err
	}
	// What we write must be an intent collect accepts.
	if _, err := collector.ParseIntent("drafted intent", buf.Bytes()); err != nil {
		return fmt.Errorf("refusing to write an invalid intent (a bug): %v", err)
	}
	if out == "" {
		_, err = e.stdout.Write(buf.Bytes())
	} else {
		err = atomicfile.Write(out, buf.Bytes())
	}
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(e.stderr, "init: %s\n", draftSummary(out, lines))
	}
	return nil
}

// initSource loads the snapshot, or collects the AWS side without an intent.
func initSource(ctx context.Context, args []string, o collector.Options) (*snapshot.Snapshot, string, error) {
	if len(args) == 1 {
		l, err := snapshot.Load(args[0])
		if err != nil {
			return nil, "", err
		}
		return l.Snapshot, "snapshot " + args[0], nil
	}
	snap, err := collector.Collect(ctx, o)
	if ctx.Err() != nil {
		return nil, "", errors.New("interrupted; no intent written")
	}
	if err != nil {
		return nil, "", err
	}
	if o.AWSLive {
		return snap, "the live account (cluster " + o.Cluster + ")", nil
	}
	return snap, "the saved describe outputs in " + strings.Join(o.AWSDirs, ", "), nil
}

func draftSummary(out string, lines []collector.DraftLine) string {
	var observed, guessed, missing []string
	for _, l := range lines {
		switch {
		case l.Value == nil:
			missing = append(missing, l.Field)
		case l.Observed:
			observed = append(observed, l.Field)
		default:
			guessed = append(guessed, l.Field)
		}
	}
	where := "the intent to standard output"
	if out != "" {
		where = out
	}
	return fmt.Sprintf("wrote %s: %d fields observed, %d guessed (%s), %d not found (%s); review the GUESS lines before collect --intent",
		where, len(observed), len(guessed), orNone(guessed), len(missing), orNone(missing))
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
