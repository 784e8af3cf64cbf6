package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/path"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("trace", "follow a flow hop by hop across AWS and the on-prem device: where does it stop?", runTrace)
}

// traceFlags are the flags of trace.
type traceFlags struct {
	flowName string
	from     string
	to       string
	proto    string
	port     int
	icmpType int
	textOrJSON
	output string
}

func (o *traceFlags) flags(fs *pflag.FlagSet) {
	fs.StringVar(&o.flowName, "flow", "", "a named `FLOW` (see above), or all")
	fs.StringVar(&o.from, "from", "", "the flow's `SOURCE`: address, CIDR, or control-plane, vpc, nodes, pods")
	fs.StringVar(&o.to, "to", "", "the flow's `DESTINATION`: address, CIDR, a name as --from, or an AWS endpoint host name")
	fs.StringVar(&o.proto, "proto", "tcp", "`PROTOCOL`: tcp, udp or icmp")
	fs.IntVar(&o.port, "port", 0, "destination `PORT` (tcp, udp)")
	fs.IntVar(&o.icmpType, "icmp-type", -1, "ICMP `TYPE` (default: every type)")
	o.textOrJSON.flags(fs)
	outputFlag(fs, &o.output, "the trace")
}

func runTrace(ctx context.Context, e *env, o *traceFlags, fs *pflag.FlagSet) error {
	if err := o.check(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("want one SNAPSHOT file, got %d arguments (see --help)", fs.NArg())
	}
	named := o.flowName != ""
	custom := o.from != "" || o.to != ""
	switch {
	case named && custom:
		return usageError("give either --flow or --from/--to, not both")
	case !named && !custom:
		return usageError("give --flow NAME (or all) or --from and --to (see --help)")
	case custom && (o.from == "" || o.to == ""):
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
	flows, err := traceFlows(n, o.flowName, o.from, o.to, o.proto, o.port, o.icmpType, fs.Changed("icmp-type"))
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
	err = writeReport(e, o.output, func(b *bytes.Buffer) error {
		if o.format == "json" {
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
