package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/atomicfile"
	"github.com/hybridcheck/hybridcheck/internal/collector"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/probe"
)

func init() {
	register("probe", "from a host in a hybrid node subnet, test DNS and TCP 443 to every required AWS endpoint", runProbe)
}

// probeFlags are the flags of probe.
type probeFlags struct {
	intentFile string
	vpcTarget  string
	output     string
	timeout    time.Duration
	endpoints  []string
}

func (o *probeFlags) flags(fs *pflag.FlagSet) {
	fs.StringVar(&o.intentFile, "intent", "", "intent `FILE` naming region and credential_provider (required)")
	fs.StringVar(&o.vpcTarget, "vpc-target", "", "also connect to this `IP` in the VPC (for example a node or the API endpoint's ENI)")
	outputFlag(fs, &o.output, "the probe results")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Second, "per-endpoint `DURATION` for resolving and connecting")
	fs.StringArrayVar(&o.endpoints, "endpoint", nil, "probe `HOST[:PORT]` instead of the intent's list (repeatable; for testing or extra endpoints)")
}

func runProbe(ctx context.Context, e *env, o *probeFlags, fs *pflag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError("takes no arguments (see --help)")
	}
	if o.timeout <= 0 {
		return usageError("--timeout must be positive")
	}
	var targets []probe.Target
	if len(o.endpoints) > 0 {
		for _, ep := range o.endpoints {
			t, err := parseTarget(ep)
			if err != nil {
				return usageError("--endpoint %q: %v", ep, err)
			}
			targets = append(targets, t)
		}
	} else {
		if o.intentFile == "" {
			return usageError("--intent FILE is required (it names the region and credential provider)")
		}
		var err error
		if targets, err = intentTargets(ctx, o.intentFile); err != nil {
			return err
		}
	}
	if o.vpcTarget != "" {
		if net.ParseIP(o.vpcTarget) == nil {
			return usageError("--vpc-target %q: want an IP address", o.vpcTarget)
		}
		targets = append(targets, probe.Target{Host: o.vpcTarget, Port: 443})
	}
	host, _ := os.Hostname()
	p := probe.Run(ctx, targets, probe.Options{Timeout: o.timeout, Host: host})
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted; no probe results written")
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if o.output == "" || o.output == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			return err
		}
	} else if err := atomicfile.Write(o.output, data); err != nil {
		return err
	}
	failed := 0
	for _, r := range p.Results {
		if !r.Connected {
			failed++
			fmt.Fprintf(e.stderr, "hybridcheck probe: %s:%d: %s\n", r.Endpoint, r.Port, r.Error)
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "hybridcheck probe: %d of %d endpoints unreachable\n", failed, len(p.Results))
		return failing
	}
	return nil
}

func parseTarget(s string) (probe.Target, error) {
	host, portText, err := net.SplitHostPort(s)
	if err != nil {
		if strings.Contains(err.Error(), "missing port") {
			return probe.Target{Host: s, Port: 443}, nil
		}
		return probe.Target{}, err
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 1 || port > 65535 {
		return probe.Target{}, fmt.Errorf("port %q is not 1-65535", portText)
	}
	return probe.Target{Host: host, Port: port}, nil
}

// intentTargets is the intent's list: the AWS endpoints of its region and credential model
// (HN-EGR-01's table) and, with management: palette-saas, Palette's domains and addresses
// (HN-EGR-02's table), each on its port.
func intentTargets(ctx context.Context, intentFile string) ([]probe.Target, error) {
	in, err := collector.LoadIntent(intentFile)
	if err != nil {
		return nil, err
	}
	if in.Region == "" {
		return nil, fmt.Errorf("%s: the intent has no region; probe needs it to know the endpoints", intentFile)
	}
	provider := in.CredentialProvider
	if provider == "" {
		provider = "ssm"
	}
	names, err := engine.RequiredEndpoints(ctx, in.Region, provider)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", intentFile, err)
	}
	var targets []probe.Target
	for _, n := range names {
		targets = append(targets, probe.Target{Host: n, Port: 443})
	}
	extra, err := engine.ManagementEndpoints(ctx, in.Management)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", intentFile, err)
	}
	for _, ep := range extra {
		targets = append(targets, probe.Target{Host: ep.Host, Port: ep.Port})
	}
	return targets, nil
}
