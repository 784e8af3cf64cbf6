package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/collector"
	_ "github.com/hybridcheck/hybridcheck/collector/device/all" // --device knows every export format
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("collect", "snapshot the AWS network, device exports and intent into one JSON file", runCollect)
}

func runCollect(ctx context.Context, e *env, args []string) error {
	fs := newFlags("collect",
		"collect [--aws] [--region R] [--profile P] [--endpoint-url URL] [--cluster NAME] [--vpc-id ID] [--dx]\n"+
			"                   [--aws-dir DIR]... [--device FORMAT:PATH]... [--intent FILE] [-o FILE|DIR] [--quiet]",
		"Collects the AWS network state (live with --aws, through the standard credential chain, or from\n"+
			"saved `aws ... describe-*` JSON with --aws-dir), device exports and the intent file into one\n"+
			"snapshot. Only Describe/Search calls are made (IAM policy: docs/collect-aws.md). A call that\n"+
			"fails is recorded in the snapshot's sources and fails HN-SNAP-01; it does not stop the run.\n"+
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
	fs.BoolVar(&o.DirectConnect, "dx", false, "also collect Direct Connect (implied by intent connectivity: direct-connect)")
	fs.StringArrayVar(&o.AWSDirs, "aws-dir", nil, "folder of saved describe JSON outputs (repeatable)")
	fs.StringArrayVar(&o.Devices, "device", nil, "device export FORMAT:PATH (repeatable)")
	fs.StringVar(&o.IntentFile, "intent", "", "intent file (YAML or JSON)")
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
	if e.stderrIsTerminal && !quiet {
		o.Progress = func(format string, a ...any) {
			fmt.Fprintf(e.stderr, "collect: "+format+"\n", a...)
		}
	}
	snap, err := collector.Collect(ctx, o)
	if err != nil {
		return err
	}
	if o.Progress != nil {
		o.Progress("%s", summary(snap))
	}
	return writeSnapshot(e, out, snap)
}

// summary is the closing progress line: how many sources answered and which did not.
func summary(s *snapshot.Snapshot) string {
	var failed []string
	for _, src := range s.Sources {
		if src.Status == "error" || src.Status == "partial" {
			failed = append(failed, src.ID)
		}
	}
	if len(failed) == 0 {
		return fmt.Sprintf("%d sources, all complete", len(s.Sources))
	}
	return fmt.Sprintf("%d sources, incomplete: %s (HN-SNAP-01 will fail)", len(s.Sources), strings.Join(failed, ", "))
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
		out = filepath.Join(out, "snapshot-"+t.UTC().Format("20060102T150405Z")+".json")
	}
	return snapshot.Save(out, s)
}
