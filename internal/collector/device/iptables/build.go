package iptables

import (
	"fmt"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func (rs *ruleset) build() (*snapshot.Device, error) {
	// Netfilter accepts a packet that no chain drops; the policies live on the chains.
	dev := device.New(device.NameFromFile(rs.file), "iptables", snapshot.Firewall{Model: "iptables", DefaultAction: "pass"})
	dev.Version = rs.version
	for _, t := range rs.tables {
		parsed := make(map[*rule]*facts)
		userChain := func(name string) bool { c, ok := t.chainBy[name]; return ok && !c.builtin }
		for _, c := range t.chains {
			for _, r := range c.rules {
				parsed[r] = rs.parseRule(r.args, userChain)
			}
		}
		if err := checkJumps(t, parsed); err != nil {
			return nil, err
		}
		for _, c := range t.chains {
			if t.name == "nat" {
				rs.natRules(dev, t, c, parsed)
				continue
			}
			dev.Firewall.Chains = append(dev.Firewall.Chains, rs.filterChain(t, c, parsed))
		}
	}
	return dev, nil
}

// checkJumps refuses gotos to missing chains and jump loops between user chains, which
// iptables-restore refuses too and which would never let an evaluator finish.
func checkJumps(t *table, parsed map[*rule]*facts) error {
	edges := map[*chain][]device.Jump[*chain]{}
	for _, c := range t.chains {
		for _, r := range c.rules {
			f := parsed[r]
			if f.target == "" {
				continue
			}
			to, ok := t.chainBy[f.target]
			if f.goTo && (!ok || to.builtin) {
				return fmt.Errorf("line %d: -g %s: no user chain %s in table %s", r.line, f.target, f.target, t.name)
			}
			if ok && !to.builtin {
				edges[c] = append(edges[c], device.Jump[*chain]{To: to, Line: r.line})
			}
		}
	}
	cycle, line := device.JumpLoop(t.chains, edges)
	if cycle == nil {
		return nil
	}
	names := make([]string, len(cycle))
	for i, c := range cycle {
		names[i] = c.name
	}
	return device.LoopError(fmt.Sprintf("line %d: table %s", line, t.name), names)
}

func (rs *ruleset) location(t *table, c *chain, i int, r *rule) *snapshot.Location {
	return &snapshot.Location{File: rs.file, Line: r.line, Path: fmt.Sprintf("%s/%s/rule[%d]", t.name, c.name, i)}
}

func (rs *ruleset) filterChain(t *table, c *chain, parsed map[*rule]*facts) snapshot.Chain {
	out := snapshot.Chain{Name: c.name, Table: t.name, Family: rs.family, Policy: c.policy, Rules: make([]snapshot.FirewallRule, 0, len(c.rules))}
	if c.builtin {
		out.Hook = strings.ToLower(c.name)
		out.Priority = tablePriority[t.name]
	}
	for i, r := range c.rules {
		f := parsed[r]
		loc := rs.location(t, c, i, r)
		rule := snapshot.FirewallRule{
			Index:         i,
			Action:        action(f, t),
			Interfaces:    f.iif,
			OutInterfaces: f.oif,
			Direction:     "any",
			IPVersion:     f.ipVersion,
			Protocol:      f.protocol,
			Source:        f.src,
			Destination:   f.dst,
			ICMPTypes:     f.icmpTypes,
			States:        f.states,
			Description:   f.comment,
			Location:      loc,
		}
		if rule.Action == "jump" || rule.Action == "goto" {
			rule.JumpTarget = f.target
		}
		switch {
		case f.target == "QUEUE" || f.target == "NFQUEUE":
			f.unsupported = append(f.unsupported, "target "+f.target+" (the verdict is given in user space)")
		case natTargets[f.target]:
			f.unsupported = append(f.unsupported, "target "+f.target+" outside the nat table")
		}
		if len(f.unsupported) > 0 {
			rule.Unsupported = f.unsupported
			rs.warnings = append(rs.warnings, fmt.Sprintf("line %d (%s): not modelled: %s", r.line, loc.Path, strings.Join(f.unsupported, "; ")))
		}
		out.Rules = append(out.Rules, rule)
	}
	return out
}

func action(f *facts, t *table) string {
	switch {
	case f.target == "":
		return "other"
	case f.goTo:
		return "goto"
	}
	switch f.target {
	case "ACCEPT":
		return "pass"
	case "DROP":
		return "block"
	case "REJECT":
		return "reject"
	case "RETURN":
		return "return"
	}
	if logTargets[f.target] {
		return "log"
	}
	if c, ok := t.chainBy[f.target]; ok && !c.builtin {
		return "jump"
	}
	return "other"
}

// natRules turns the nat table's rules into NAT rules. ACCEPT (or RETURN from a built-in
// chain, whose policy is always ACCEPT) leaves the packet untranslated: an exemption.
func (rs *ruleset) natRules(dev *snapshot.Device, t *table, c *chain, parsed map[*rule]*facts) {
	exemptKind := "other"
	switch c.name {
	case "POSTROUTING", "INPUT":
		exemptKind = "snat"
	case "PREROUTING", "OUTPUT":
		exemptKind = "dnat"
	}
	for i, r := range c.rules {
		f := parsed[r]
		loc := rs.location(t, c, i, r)
		rule := snapshot.NATRule{
			Index:       len(dev.NAT.Rules),
			Protocol:    f.protocol,
			Source:      f.src,
			Destination: f.dst,
			Description: f.comment,
			Location:    loc,
		}
		ifaces := f.oif
		switch f.target {
		case "MASQUERADE":
			rule.Kind, rule.Translation = "masquerade", withPorts("interface-address", f.targetOpts["--to-ports"])
		case "SNAT":
			rule.Kind, rule.Translation = "snat", f.targetOpts["--to-source"]
		case "DNAT":
			rule.Kind, rule.Translation, ifaces = "dnat", f.targetOpts["--to-destination"], f.iif
		case "REDIRECT":
			rule.Kind, rule.Translation, ifaces = "dnat", withPorts("interface-address", f.targetOpts["--to-ports"]), f.iif
		case "NETMAP":
			rule.Kind, rule.Translation = "one-to-one", f.targetOpts["--to"]
		case "ACCEPT":
			rule.Kind, rule.NoNAT = exemptKind, true
		case "RETURN":
			if !c.builtin {
				rs.warnings = append(rs.warnings, fmt.Sprintf("line %d (%s): RETURN from a user chain of the nat table is not followed", r.line, loc.Path))
				continue
			}
			rule.Kind, rule.NoNAT = exemptKind, true
		case "DROP", "REJECT":
			rule.Kind = "other"
			f.unsupported = append(f.unsupported, f.target+" in the nat table")
		case "":
			if len(f.unsupported) > 0 {
				rs.warnings = append(rs.warnings, fmt.Sprintf("line %d (%s): not modelled: %s", r.line, loc.Path, strings.Join(f.unsupported, "; ")))
			}
			continue
		default:
			rs.warnings = append(rs.warnings, fmt.Sprintf("line %d (%s): -j %s in the nat table is not followed; the NAT rules of each chain are listed in chain order", r.line, loc.Path, f.target))
			continue
		}
		if exemptKind == "dnat" && rule.NoNAT {
			ifaces = f.iif
		}
		if len(ifaces) > 0 {
			rule.Interface = ifaces[0]
		}
		if len(f.unsupported) > 0 {
			rs.warnings = append(rs.warnings, fmt.Sprintf("line %d (%s): NAT rule not fully modelled: %s", r.line, loc.Path, strings.Join(f.unsupported, "; ")))
		}
		dev.NAT.Rules = append(dev.NAT.Rules, rule)
	}
}

func withPorts(addr, ports string) string {
	if ports == "" {
		return addr
	}
	return addr + ":" + ports
}
