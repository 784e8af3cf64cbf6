// Package collector assembles a snapshot from its inputs: the AWS account (live or saved
// describe outputs), the edge devices' exports and the intent file.
package collector

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	awscollector "github.com/hybridcheck/hybridcheck/internal/collector/aws"
	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/probe"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// Options is everything `hybridcheck collect` was asked to read.
type Options struct {
	// AWSLive queries AWS through the SDK with Live's region, profile and endpoint.
	AWSLive bool
	Live    awscollector.LiveOptions
	// Clients, when set, replaces the clients LoadClients would build (tests use fakes).
	Clients *awscollector.Clients
	// AWSDirs are folders of saved describe outputs (offline import).
	AWSDirs       []string
	Cluster       string
	VPCID         string
	DirectConnect bool
	// Devices are FORMAT:PATH specs for device exports.
	Devices    []string
	IntentFile string
	// ProbeFile is the output of `hybridcheck probe` from a hybrid node subnet (HN-PRB-01).
	ProbeFile string
	// IPRangesFile is AWS's ip-ranges.json; without it a live collection fetches IPRangesURL
	// (default: AWS's public URL) unless NoIPRanges.
	IPRangesFile string
	IPRangesURL  string
	NoIPRanges   bool
	Progress     func(format string, args ...any)
	// Now is the collection time; nil means time.Now.
	Now func() time.Time
	// Salt is the fingerprint salt; empty means a fresh random one (see snapshot.NewSalt).
	// Only the reference snapshots, which must be reproducible, fix it.
	Salt string
	// Timeout bounds each AWS API call (see awscollector.Options); 0 means its default.
	Timeout time.Duration
	// Stats, when set, is filled with what the collection cost.
	Stats *Stats
}

// Stats are the costs of a collection, for the closing progress line.
type Stats struct {
	// AWSCalls is the number of AWS API requests made (pages count, retries do not).
	AWSCalls int
	// AWSTime is how long the live AWS collection took.
	AWSTime time.Duration
}

// Collect builds a snapshot. Its errors are whole-run failures (unreadable input, no region or
// credentials, every AWS call refused) and name the input; a single failing API call is not
// an error but a source with status error inside the snapshot.
func Collect(ctx context.Context, o Options) (*snapshot.Snapshot, error) {
	if o.AWSLive && len(o.AWSDirs) > 0 {
		return nil, errors.New("--aws and --aws-dir are exclusive: collect live or import saved outputs, not both")
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	snap := &snapshot.Snapshot{
		SchemaVersion:   snapshot.SchemaVersion,
		ToolVersion:     version.Version,
		CollectedAt:     now().UTC().Format(time.RFC3339),
		FingerprintSalt: o.Salt,
	}
	if snap.FingerprintSalt == "" {
		snap.FingerprintSalt = snapshot.NewSalt()
	}

	var intent *snapshot.Intent
	if o.IntentFile != "" {
		in, err := LoadIntent(o.IntentFile)
		if err != nil {
			return nil, err
		}
		intent = in
		snap.Sources = append(snap.Sources, snapshot.Source{ID: "intent", Kind: "intent", Location: o.IntentFile, Status: snapshot.SourceOK, Items: 1})
	}
	cluster, vpcID, region := o.Cluster, o.VPCID, o.Live.Region
	dx := o.DirectConnect
	if intent != nil {
		cluster = cmp.Or(cluster, intent.Cluster)
		vpcID = cmp.Or(vpcID, intent.VPCID)
		region = cmp.Or(region, intent.Region)
		dx = dx || intent.Connectivity == "direct-connect"
	}

	if err := collectAWS(ctx, o, awsScope{cluster, vpcID, region, dx}, snap); err != nil {
		return nil, err
	}
	if err := importDevices(o, snap); err != nil {
		return nil, err
	}
	// An interrupted run has no snapshot, not a partial one.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if o.ProbeFile != "" {
		p, err := probe.Load(o.ProbeFile)
		if err != nil {
			return nil, err
		}
		snap.Probe = p
		snap.Sources = append(snap.Sources, snapshot.Source{ID: "probe", Kind: "probe", Location: o.ProbeFile, Status: snapshot.SourceOK, Items: len(p.Results)})
	}
	if snap.AWS != nil && snap.AWS.Region != "" {
		region = snap.AWS.Region
	}
	if err := collectIPRanges(ctx, o, region, snap); err != nil {
		return nil, err
	}
	if snap.AWS == nil && len(snap.Devices) == 0 {
		return nil, errors.New("nothing to collect: give --aws, --aws-dir DIR or --device FORMAT:PATH")
	}

	snap.Intent, snap.IntentConflicts = mergeIntent(intent, snap.AWS, o.Cluster, o.VPCID)
	// Collection scoped to a VPC the account does not have leaves no VPC at all although
	// DescribeVpcs answered: the intent names a network the snapshot cannot show.
	if snap.AWS != nil && snap.Intent != nil && snap.Intent.VPCID != "" && len(snap.AWS.VPCs) == 0 && answered(snap.Sources, "ec2:DescribeVpcs") {
		snap.IntentConflicts = append(snap.IntentConflicts, snapshot.IntentConflict{
			Field: "vpc_id", Intent: snap.Intent.VPCID, Observed: []string{}, ObservedFrom: "ec2:DescribeVpcs"})
	}
	if err := validate(snap); err != nil {
		return nil, err
	}
	return snap, nil
}

// awsScope is what the AWS collection is narrowed to: flags first, then the intent.
type awsScope struct {
	cluster, vpcID, region string
	dx                     bool
}

// collectAWS fills the snapshot's AWS part, live (--aws) or from saved describe outputs
// (--aws-dir); with neither it leaves it empty.
func collectAWS(ctx context.Context, o Options, sc awsScope, snap *snapshot.Snapshot) error {
	switch {
	case o.AWSLive:
		clients := o.Clients
		if clients == nil {
			live := o.Live
			live.Region = sc.region
			c, err := awscollector.LoadClients(ctx, live)
			if err != nil {
				return err
			}
			clients = &c
		}
		start := time.Now()
		res, err := awscollector.Collect(ctx, *clients, awscollector.Options{
			Cluster: sc.cluster, VPCID: sc.vpcID, DirectConnect: sc.dx, Salt: snap.FingerprintSalt, Progress: o.Progress, Timeout: o.Timeout,
		})
		if err != nil {
			return err
		}
		elapsed := time.Since(start)
		if o.Stats != nil {
			o.Stats.AWSCalls, o.Stats.AWSTime = res.Calls, elapsed
		}
		if o.Progress != nil {
			o.Progress("AWS: %d API calls in %s", res.Calls, elapsed.Round(time.Millisecond))
		}
		snap.AWS = res.AWS
		snap.Sources = append(snap.Sources, res.Sources...)
	case len(o.AWSDirs) > 0:
		if o.Progress != nil {
			o.Progress("importing saved describe outputs from %s", strings.Join(o.AWSDirs, ", "))
		}
		res, err := awscollector.Import(o.AWSDirs, awscollector.ImportOptions{
			Region: sc.region, Cluster: sc.cluster, VPCID: sc.vpcID, DirectConnect: sc.dx, Salt: snap.FingerprintSalt,
		})
		if err != nil {
			return err
		}
		if err := everyDirRecognised(o.AWSDirs, res.Sources); err != nil {
			return err
		}
		snap.AWS = res.AWS
		snap.Sources = append(snap.Sources, res.Sources...)
	}
	return nil
}

// importDevices adds each --device export to the snapshot, with its source.
func importDevices(o Options, snap *snapshot.Snapshot) error {
	for _, spec := range o.Devices {
		format, path, err := device.ParseSpec(spec)
		if err != nil {
			return err
		}
		if o.Progress != nil {
			o.Progress("importing %s export %s", format, path)
		}
		dev, src, err := device.Import(format, path, snap.FingerprintSalt)
		if err != nil {
			return err
		}
		snap.Devices = append(snap.Devices, *dev)
		snap.Sources = append(snap.Sources, src)
	}
	return nil
}

// mergeIntent fills the intent's gaps from what was collected and records where the two
// disagree. The intent keeps its own value on a conflict: the checks read the cluster's values
// first, and the conflict itself is reported.
func mergeIntent(in *snapshot.Intent, a *snapshot.AWS, flagCluster, flagVPC string) (*snapshot.Intent, []snapshot.IntentConflict) {
	var cluster *snapshot.EKSCluster
	region := ""
	if a != nil {
		cluster, region = a.EKSCluster, a.Region
	}
	if in == nil {
		if cluster == nil && flagVPC == "" && flagCluster == "" && region == "" {
			return nil, nil
		}
		in = &snapshot.Intent{}
	}
	var conflicts []snapshot.IntentConflict
	conflict := func(field string, intent, observed any, from string) {
		conflicts = append(conflicts, snapshot.IntentConflict{Field: field, Intent: intent, Observed: observed, ObservedFrom: from})
	}
	str := func(field string, dst *string, observed, from string) {
		switch {
		case observed == "":
		case *dst == "":
			*dst = observed
		case *dst != observed:
			conflict(field, *dst, observed, from)
		}
	}
	list := func(field string, dst *[]string, observed []string, from string) {
		switch {
		case len(observed) == 0:
		case len(*dst) == 0:
			*dst = slices.Clone(observed)
		case !sameSet(*dst, observed):
			conflict(field, *dst, observed, from)
		}
	}
	str("region", &in.Region, region, "collection region")
	str("vpc_id", &in.VPCID, flagVPC, "--vpc-id")
	str("cluster", &in.Cluster, flagCluster, "--cluster")
	if cluster != nil {
		str("cluster", &in.Cluster, cluster.Name, "eks:DescribeCluster")
		str("vpc_id", &in.VPCID, cluster.VPCID, "eks:DescribeCluster")
		str("service_cidr", &in.ServiceCIDR, cluster.ServiceIPv4CIDR, "eks:DescribeCluster")
		list("remote_node_cidrs", &in.RemoteNodeCIDRs, cluster.RemoteNodeNetworks, "eks:DescribeCluster")
		list("remote_pod_cidrs", &in.RemotePodCIDRs, cluster.RemotePodNetworks, "eks:DescribeCluster")
	}
	// A VPC ID the collected VPCs do not include is a design the snapshot does not show
	// (a typo, another account or region): record it rather than check nothing quietly.
	if a != nil && in.VPCID != "" && len(a.VPCs) > 0 && !slices.ContainsFunc(a.VPCs, func(v snapshot.VPC) bool { return v.ID == in.VPCID }) {
		ids := make([]string, len(a.VPCs))
		for i, v := range a.VPCs {
			ids[i] = v.ID
		}
		conflict("vpc_id", in.VPCID, ids, "ec2:DescribeVpcs")
	}
	return in, conflicts
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// answered reports whether a source with this ID answered completely.
func answered(sources []snapshot.Source, id string) bool {
	for _, src := range sources {
		if src.ID == id && src.Status == snapshot.SourceOK {
			return true
		}
	}
	return false
}

// everyDirRecognised refuses an --aws-dir in which no file was read as a describe output (an
// empty folder, a typo, the wrong level of an export): every call would look unanswered and
// the snapshot would check nothing.
func everyDirRecognised(dirs []string, sources []snapshot.Source) error {
	for _, dir := range dirs {
		found := false
		for _, src := range sources {
			rel, err := filepath.Rel(dir, src.Location)
			if src.Kind == "aws-file" && err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("--aws-dir %s: no saved AWS describe output found in this folder (want the JSON of aws ec2 describe-vpcs and the like, or a Batfish aws_configs folder; see docs/collect-aws.md)", dir)
		}
	}
	return nil
}
