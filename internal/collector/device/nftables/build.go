package nftables

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

var actionByVerdict = map[string]string{
	"accept": "pass", "drop": "block", "reject": "reject", "jump": "jump", "goto": "goto",
	"return": "return", "continue": "continue", "queue": "other", "vmap": "other",
}

func (rs *ruleset) build() *snapshot.Device {
	// Netfilter accepts a packet that no chain drops; the policies live on the chains.
	dev := device.New(device.NameFromFile(rs.file), "nftables", snapshot.Firewall{Model: "nftables", DefaultAction: "pass"})
	dev.Version = rs.version
	for _, c := range rs.chains {
		if c.nat {
			rs.natRules(dev, c)
			continue
		}
		dev.Firewall.Chains = append(dev.Firewall.Chains, rs.filterChain(c))
	}
	for _, ns := range rs.sets {
		if ns.used {
			dev.Aliases = append(dev.Aliases, rs.alias(ns))
		}
	}
	return dev
}

func (rs *ruleset) filterChain(c *chain) snapshot.Chain {
	out := snapshot.Chain{
		Name: c.obj.Name, Table: c.obj.Table, Family: c.obj.Family, Hook: c.obj.Hook,
		Priority: c.priority, Rules: make([]snapshot.FirewallRule, 0, len(c.rules)),
	}
	if c.obj.Hook != "" {
		// A base chain without a policy accepts.
		out.Policy = "accept"
		if c.obj.Policy == "drop" {
			out.Policy = "drop"
		}
	}
	for i, r := range c.rules {
		f := rs.ruleFacts(c, r)
		loc := rs.location(c, i, r)
		rule := snapshot.FirewallRule{
			Index:         i,
			Action:        actionByVerdict[f.verdict],
			JumpTarget:    f.target,
			Interfaces:    f.iif,
			OutInterfaces: f.oif,
			Direction:     "any",
			IPVersion:     f.ipVersion,
			Source:        endpoint(f.src),
			Destination:   endpoint(f.dst),
			ICMPTypes:     f.icmpTypes,
			States:        f.states,
			Description:   r.Comment,
			Location:      loc,
		}
		if rule.Action == "" {
			rule.Action = "other"
			if f.log {
				rule.Action = "log"
			}
		}
		if rule.IPVersion == "" {
			rule.IPVersion = "any"
		}
		proto, why := protocol(f)
		rule.Protocol = proto
		if why != "" {
			f.unsupported = append(f.unsupported, why)
		}
		if f.nat != nil {
			// classify moves every chain with a NAT statement into NAT context, so only a
			// base chain of another type can get here; the kernel refuses that ruleset.
			f.unsupported = append(f.unsupported, f.nat.kind+" outside a NAT chain")
		}
		if len(f.unsupported) > 0 {
			rule.Unsupported = f.unsupported
			rs.warnings = append(rs.warnings, fmt.Sprintf("%s: not modelled: %s", loc.Path, strings.Join(f.unsupported, "; ")))
		}
		out.Rules = append(out.Rules, rule)
	}
	return out
}

// natRules turns the rules of a NAT chain into NAT rules. An accept (or a return from a base
// chain) ends NAT processing for the packet, so it is an exemption for what it matches.
func (rs *ruleset) natRules(dev *snapshot.Device, c *chain) {
	exemptKind := "other"
	switch c.obj.Hook {
	case "postrouting", "input":
		exemptKind = "snat"
	case "prerouting", "output":
		exemptKind = "dnat"
	}
	for i, r := range c.rules {
		f := rs.ruleFacts(c, r)
		loc := rs.location(c, i, r)
		rule := snapshot.NATRule{
			Index:       len(dev.NAT.Rules),
			Source:      endpoint(f.src),
			Destination: endpoint(f.dst),
			Description: r.Comment,
			Location:    loc,
		}
		switch {
		case f.nat != nil:
			rule.Kind, rule.Translation = f.nat.kind, f.nat.translation
			if strings.HasPrefix(f.nat.translation, "map ") {
				f.unsupported = append(f.unsupported, "translation looked up in a map")
			}
		case f.verdict == "accept" || (f.verdict == "return" && c.obj.Hook != ""):
			rule.Kind, rule.NoNAT = exemptKind, true
		case f.verdict == "drop" || f.verdict == "reject":
			rule.Kind = "other"
			f.unsupported = append(f.unsupported, f.verdict+" in a NAT chain")
		case f.verdict != "":
			rs.warnings = append(rs.warnings, fmt.Sprintf("%s: %s in a NAT chain is not followed; the NAT rules of each chain are listed in chain order", loc.Path, strings.TrimSpace(f.verdict+" "+f.target)))
			continue
		default:
			if len(f.unsupported) > 0 {
				rs.warnings = append(rs.warnings, fmt.Sprintf("%s: not modelled: %s", loc.Path, strings.Join(f.unsupported, "; ")))
			}
			continue
		}
		proto, why := protocol(f)
		rule.Protocol = proto
		if why != "" {
			f.unsupported = append(f.unsupported, why)
		}
		ifaces := f.oif
		if rule.Kind == "dnat" || (len(ifaces) == 0 && rule.Kind != "snat" && rule.Kind != "masquerade") {
			ifaces = f.iif
		}
		if len(ifaces) > 0 {
			rule.Interface = ifaces[0]
		}
		if len(ifaces) > 1 {
			f.unsupported = append(f.unsupported, "several interfaces "+strings.Join(ifaces, ", "))
		}
		if len(f.unsupported) > 0 {
			rs.warnings = append(rs.warnings, fmt.Sprintf("%s: NAT rule not fully modelled: %s", loc.Path, strings.Join(f.unsupported, "; ")))
		}
		dev.NAT.Rules = append(dev.NAT.Rules, rule)
	}
}

func (rs *ruleset) location(c *chain, i int, r ruleObj) *snapshot.Location {
	return &snapshot.Location{
		File: rs.file,
		Line: r.line,
		Path: fmt.Sprintf("table %s %s/chain %s/rule[%d] handle %d", c.obj.Family, c.obj.Table, c.obj.Name, i, r.Handle),
	}
}

func endpoint(s side) snapshot.Endpoint {
	return snapshot.Endpoint{Any: !s.matched, Not: s.not, CIDRs: s.cidrs, Alias: s.alias, Ports: s.ports}
}

// protocol combines explicit protocol matches with those implied by header matches.
func protocol(f *facts) (string, string) {
	implied := slices.Clone(f.implied)
	sort.Strings(implied)
	implied = slices.Compact(implied)
	set := implied
	if f.protos != nil {
		set = nil
		for _, p := range f.protos {
			if len(implied) == 0 || slices.Contains(implied, p) {
				set = append(set, p)
			}
		}
		sort.Strings(set)
		set = slices.Compact(set)
		if len(set) == 0 {
			return "any", "protocol " + strings.Join(f.protos, ",") + " contradicts " + strings.Join(implied, ",") + " header match"
		}
	}
	switch {
	case len(set) == 0:
		return "any", ""
	case len(set) == 1:
		return set[0], ""
	case len(set) == 2 && set[0] == "tcp" && set[1] == "udp":
		return "tcp/udp", ""
	}
	return "any", "several protocols " + strings.Join(set, ",")
}

func (rs *ruleset) alias(ns *namedSet) snapshot.Alias {
	a := snapshot.Alias{
		Name:        ns.obj.Name,
		Type:        "other",
		Description: fmt.Sprintf("nftables %s in table %s %s", ns.kind, ns.obj.Family, ns.obj.Table),
	}
	typ, _ := ns.obj.Type.(string)
	if ns.kind != "set" {
		return a
	}
	vals, _, why := rs.listValues(tableKey(ns.obj.Family, ns.obj.Table), ns.obj.Elem, 0)
	switch typ {
	case "ipv4_addr":
		a.Type = "set"
		if cidrs, why2 := toCIDRs(vals); why == "" && why2 == "" {
			a.CIDRs = cidrs
		}
	case "inet_service":
		a.Type = "port"
		if ports, why2 := toPorts(vals); why == "" && why2 == "" {
			a.Ports = ports
		}
	}
	return a
}
