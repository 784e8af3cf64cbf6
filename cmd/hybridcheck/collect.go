package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/collector"
	awscollector "github.com/hybridcheck/hybridcheck/collector/aws"
	_ "github.com/hybridcheck/hybridcheck/collector/device/all" // --device knows every export format
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("collect", "snapshot the AWS network, device exports and intent into one JSON file", runCollect)
}

func runCollect(ctx context.Context, e *env, args []string) error {
	fs := newFlags("collect",
		"collect [--aws] [--region R] [--profile P] [--endpoint-url URL] [--cluster NAME] [--vpc-id ID] [--dx]\n"+
			"                   [--timeout DURATION] [--aws-dir DIR]... [--device FORMAT:PATH]... [--intent FILE] [--probe FILE]\n"+
			"                   [--aws-ip-ranges FILE | --no-ip-ranges]\n"+
			"                   [-o FILE|DIR] [--quiet]",
		"Collects the AWS network state (live with --aws, through the standard credential chain, or from\n"+
			"saved `aws ... describe-*` JSON with --aws-dir), device exports and the intent file into one\n"+
			"snapshot. Only Describe/Search calls are made (IAM policy: docs/collect-aws.md). A call that\n"+
			"fails, is refused or gets no answer within --timeout is recorded in the snapshot's sources and\n"+
			"fails HN-SNAP-01; it does not stop the run (only a run where no AWS call can be made at all,\n"+
			"no credentials or no reachable endpoint, exits 2). Ctrl-C stops the run and writes no snapshot.\n"+
			"Without -o the snapshot goes to standard output; given a folder, to a timestamped file in it.",
		e.stdout)
	var (
		o     collector.Options
		out   string
		quiet bool
	)
	fs.BoolVar(&o.AWSLive, "aws", false, "collect from AWS live through the SDK")
	fs.StringVar(&o.Live.Region, "region", "", "AWS region (default: AWS_REGION or the profile's region)")
	fs.StringVar(&o.Live.Profile, "profile", "", "shared config profile (default: AWS_PROFILE or default)")
	fs.StringVar(&o.Live.Endpoint, "endpoint-url", "", "send every AWS call to this endpoint (moto, LocalStack)")
	fs.StringVar(&o.Cluster, "cluster", "", "EKS cluster whose VPC and remote networks to collect")
	fs.StringVar(&o.VPCID, "vpc-id", "", "collect only this VPC (default: the cluster's VPC)")
	fs.DurationVar(&o.Timeout, "timeout", awscollector.DefaultTimeout, "limit per AWS API call, retries included; a call over it is recorded as failed")
	fs.BoolVar(&o.DirectConnect, "dx", false, "also collect Direct Connect (implied by intent connectivity: direct-connect)")
	fs.StringArrayVar(&o.AWSDirs, "aws-dir", nil, "folder of saved describe JSON outputs (repeatable)")
	fs.StringArrayVar(&o.Devices, "device", nil, "device export FORMAT:PATH (repeatable)")
	fs.StringVar(&o.IntentFile, "intent", "", "intent file (YAML or JSON)")
	fs.StringVar(&o.ProbeFile, "probe", "", "add the results of 'hybridcheck probe' (run in a hybrid node subnet) from `FILE`")
	fs.StringVar(&o.IPRangesFile, "aws-ip-ranges", "", "AWS's published address ranges (ip-ranges.json) from `FILE`: the region's ranges let the egress checks judge address aliases against AWS endpoints")
	fs.BoolVar(&o.NoIPRanges, "no-ip-ranges", false, "with --aws, do not fetch "+collector.IPRangesURL+" (the egress checks then answer unknown where an address alias must be judged)")
	fs.StringVarP(&out, "output", "o", "", "write the snapshot to FILE, or to a timestamped file in DIR")
	fs.BoolVarP(&quiet, "quiet", "q", false, "no progress on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if !o.AWSLive && len(o.AWSDirs) == 0 && len(o.Devices) == 0 {
		return usageError("nothing to collect: give --aws, --aws-dir DIR or --device FORMAT:PATH (see --help)")
	}
	if !o.AWSLive && (o.Live.Endpoint != "" || o.Live.Profile != "") {
		return usageError("--endpoint-url and --profile need --aws")
	}
	if o.Timeout <= 0 {
		return usageError("--timeout %s: want a positive duration such as 30s or 2m", o.Timeout)
	}
	if e.stderrIsTerminal && !quiet {
		o.Progress = func(format string, a ...any) {
			fmt.Fprintf(e.stderr, "collect: "+format+"\n", a...)
		}
	}
	var stats collector.Stats
	o.Stats = &stats
	snap, err := collector.Collect(ctx, o)
	// Ctrl-C: whatever was collected is dropped, so no snapshot can look complete that is not.
	if ctx.Err() != nil {
		return errors.New("interrupted; no snapshot written")
	}
	if err != nil {
		return err
	}
	if o.Progress != nil {
		o.Progress("%s", summary(snap, stats))
	}
	return writeSnapshot(e, out, snap)
}

// summary is the closing progress line: how many sources answered, which did not, and how many
// AWS API calls it took.
func summary(s *snapshot.Snapshot, st collector.Stats) string {
	var failed []string
	for _, src := range s.Sources {
		if src.Status == "error" || src.Status == "partial" {
			failed = append(failed, src.ID)
		}
	}
	calls := ""
	if st.AWSCalls > 0 {
		calls = fmt.Sprintf(", %d AWS API calls", st.AWSCalls)
	}
	if len(failed) == 0 {
		return fmt.Sprintf("%d sources, all complete%s", len(s.Sources), calls)
	}
	return fmt.Sprintf("%d sources%s, incomplete: %s (HN-SNAP-01 will fail)", len(s.Sources), calls, strings.Join(failed, ", "))
}

func writeSnapshot(e *env, out string, s *snapshot.Snapshot) error {
	if out == "" {
		data, err := snapshot.Marshal(s)
		if err != nil {
			return err
		}
		if _, err := snapshot.Parse("snapshot", data); err != nil {
			return fmt.Errorf("refusing to write an invalid snapshot: %w", err)
		}
		_, err = e.stdout.Write(data)
		return err
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		t, _ := time.Parse(time.RFC3339, s.CollectedAt)
		base := filepath.Join(out, "snapshot-"+t.UTC().Format("20060102T150405Z"))
		// Two collections in the same second must not overwrite each other's evidence.
		out = base + ".json"
		for n := 2; fileExists(out); n++ {
			out = fmt.Sprintf("%s-%d.json", base, n)
		}
	}
	return snapshot.Save(out, s)
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
