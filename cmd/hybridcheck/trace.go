package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/path"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("trace", "follow a flow hop by hop across AWS and the on-prem device: where does it stop?", runTrace)
}

const traceHelp = `Follows a flow through the hybrid network as the snapshot holds it, hop by hop: on AWS the
control plane's security groups, each cluster subnet's network ACL and route table (longest
prefix), the VGW or TGW (its route table and the VPN or Direct Connect attachment), the VPN
connection (state, tunnels, traffic selectors, static routes); on the device IPsec (phase 2
selectors or VTI), the firewall rule that decides (with the ingress interface), NAT and the
route to the node VLAN, pod network or VPC; then the reply through the stateless hops (network
ACLs, routes). Each hop prints one line: ✓ passes, ✗ drops, ? the snapshot cannot decide, with
the deciding rule, route or tunnel and where it is written (file:line in the device export,
the resource ID on AWS). The last line names the hop that stops the flow.

Named flows (--flow):
  kubelet                control plane to kubelet, TCP 10250
  node-to-control-plane  nodes to the control plane, TCP 443
  pod-to-control-plane   pods to the control plane, TCP 443
  webhook                control plane to pod webhooks, TCP 443
  credentials            nodes to the credential endpoint (SSM or IAM Roles Anywhere), TCP 443,
                         through the device's internet NAT
  cilium-health          Cilium health between nodes, TCP 4240
  cilium-health-icmp     Cilium health pings between nodes, ICMP echo
  all                    every named flow, then a summary matrix

Or any flow: --from and --to take an address, a CIDR (comma-separated lists too) or a name:
control-plane (the cluster subnets), vpc, nodes, pods; --to also takes an AWS endpoint host
name (e.g. ssm.us-east-1.amazonaws.com).

Exits 0 when every traced flow gets through, 1 when one is dropped or cannot be decided,
2 on bad input.

Examples:
  hybridcheck trace --flow all snapshots/reference-broken.json
  hybridcheck trace --flow kubelet --format json snapshot.json
  hybridcheck trace --from nodes --to 10.100.0.10 --proto tcp --port 443 snapshot.json`

func runTrace(ctx context.Context, e *env, args []string) error {
	fs := newFlags("trace", "trace SNAPSHOT (--flow NAME | --from ADDR|CIDR --to ADDR|CIDR|ENDPOINT --proto P [--port N]) [flags]", traceHelp, e.stdout)
	flowName := fs.String("flow", "", "a named `FLOW` (see above), or all")
	from := fs.String("from", "", "the flow's `SOURCE`: address, CIDR, or control-plane, vpc, nodes, pods")
	to := fs.String("to", "", "the flow's `DESTINATION`: address, CIDR, a name as --from, or an AWS endpoint host name")
	proto := fs.String("proto", "tcp", "`PROTOCOL`: tcp, udp or icmp")
	port := fs.Int("port", 0, "destination `PORT` (tcp, udp)")
	icmpType := fs.Int("icmp-type", -1, "ICMP `TYPE` (default: every type)")
	format := fs.String("format", "text", "output format: text or json")
	output := fs.StringP("output", "o", "", "write the trace to `FILE` (atomically) instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError("--format %q: want text or json", *format)
	}
	if fs.NArg() != 1 {
		return usageError("want one SNAPSHOT file, got %d arguments (see --help)", fs.NArg())
	}
	named := *flowName != ""
	custom := *from != "" || *to != ""
	switch {
	case named && custom:
		return usageError("give either --flow or --from/--to, not both")
	case !named && !custom:
		return usageError("give --flow NAME (or all) or --from and --to (see --help)")
	case custom && (*from == "" || *to == ""):
		return usageError("--from and --to go together")
	}
	l, err := snapshot.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	n, err := path.New(l.Snapshot)
	if err != nil {
		return fmt.Errorf("%s: %v", fs.Arg(0), err)
	}
	flows, err := traceFlows(n, *flowName, *from, *to, *proto, *port, *icmpType, fs.Changed("icmp-type"))
	if err != nil {
		return usageError("%v", err)
	}
	var traces []*path.Trace
	through := true
	for _, f := range flows {
		t, err := n.Trace(f)
		if err != nil {
			return usageError("%v", err)
		}
		traces = append(traces, t)
		through = through && t.Verdict == path.Pass
	}
	err = writeReport(e, *output, func(b *bytes.Buffer) error {
		if *format == "json" {
			return writeTraceJSON(b, fs.Arg(0), traces)
		}
		return writeTraceText(b, traces)
	})
	if err != nil {
		return err
	}
	if !through {
		return failing
	}
	return nil
}

func traceFlows(n *path.Network, name, from, to, proto string, port, icmpType int, icmpSet bool) ([]path.Flow, error) {
	if name == "all" {
		flows, missing := n.SeedFlows()
		if len(flows) == 0 {
			return nil, fmt.Errorf("no named flow can be traced on this snapshot: %v", missing)
		}
		return flows, nil
	}
	if name != "" {
		f, err := n.SeedFlow(name)
		return []path.Flow{f}, err
	}
	f := path.Flow{Protocol: strings.ToLower(proto), Port: port}
	f.Description = fmt.Sprintf("%s to %s", from, to)
	if icmpSet {
		t := icmpType
		f.ICMPType = &t
	}
	var err error
	if f.Sources, _, err = flowEnd(n, "--from", from, false); err != nil {
		return nil, err
	}
	if f.Destinations, f.DestinationNames, err = flowEnd(n, "--to", to, true); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return []path.Flow{f}, nil
}

// flowEnd reads --from or --to: addresses and CIDRs, a named end, or (for --to) AWS
// endpoint host names.
func flowEnd(n *path.Network, flag, value string, hosts bool) (cidrs, names []string, err error) {
	for _, part := range strings.Split(value, ",") {
		part = strings.TrimSpace(part)
		if c, ok := n.Endpoint(part); ok {
			if len(c) == 0 {
				return nil, nil, fmt.Errorf("%s %s: the snapshot does not know its CIDRs", flag, part)
			}
			cidrs = append(cidrs, c...)
			continue
		}
		if hosts && strings.Contains(part, ".amazonaws.com") {
			names = append(names, strings.ToLower(part))
			continue
		}
		if strings.ContainsAny(part, "0123456789") && strings.Count(part, ".") == 3 {
			cidrs = append(cidrs, part)
			continue
		}
		return nil, nil, fmt.Errorf("%s %q: not an address, a CIDR or one of %s", flag, part, strings.Join(path.EndpointNames, ", "))
	}
	return cidrs, names, nil
}

func writeTraceText(w io.Writer, traces []*path.Trace) error {
	for i, t := range traces {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := path.WriteText(w, t); err != nil {
			return err
		}
	}
	if len(traces) < 2 {
		return nil
	}
	fmt.Fprintln(w, "\nFlow                     Verdict   Stops at")
	for _, t := range traces {
		at := ""
		if h := t.Stop(); h != nil {
			at = fmt.Sprintf("hop %d %s: %s", t.FirstStop+1, h.Kind, h.Evidence)
		}
		fmt.Fprintf(w, "%s %-22s %-9s %s\n", path.Mark(t.Verdict), t.Flow.Name, t.Verdict, at)
	}
	return nil
}

func writeTraceJSON(w io.Writer, file string, traces []*path.Trace) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"snapshot": file, "traces": traces})
}
