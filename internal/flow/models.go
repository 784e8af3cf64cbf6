package flow

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// evaluate answers whether the whole flow is allowed by the device (Evaluate memoizes it).
func (e *Evaluator) evaluate(f Flow) (*Result, error) {
	fs, err := f.compile()
	if err != nil {
		return nil, err
	}
	if fs.proto == protoICMP && fs.icmpType != nil && *fs.icmpType == icmpEchoReply && len(f.DestinationNames) == 0 && e.stateful() {
		return e.echoReply(f)
	}
	if reason := e.dnatDoubt(fs); reason != "" {
		// The destination may be rewritten before filtering (prerouting DNAT, redirect, port
		// forward): where the packet then goes is not modelled, so the flow is unknown.
		w := &run{e: e, f: fs, notes: map[string]bool{}}
		return w.result([]decision{{p: piece{fs.src, fs.dst}, unknown: reason}}, map[string]bool{}), nil
	}
	w := &run{e: e, f: fs, notes: map[string]bool{}}
	var decided []decision
	ingress := map[string]bool{}
	rt := e.routingFor(f.AWS)
	w.routing = rt.derivation
	dstRegions := e.locate(rt, fs.dst, fs.dstCIDRs)
	srcRegions := e.locate(rt, fs.src, fs.srcCIDRs)
	// At least one decision per pair of regions: sized once, not grown through doublings of
	// a slice that reaches tens of thousands of decisions on estates with many VLANs.
	// A pair of regions on one interface may add a decision for its part that does not cross
	// the device: room for one such per region keeps the slice (of decisions of about 200
	// bytes) from growing by a quarter, copied whole, for the last few hundred.
	decided = make([]decision, 0, len(srcRegions)*len(dstRegions)+len(srcRegions)+len(dstRegions))
	for _, r := range append(append([]region(nil), srcRegions...), dstRegions...) {
		// Overlapping regions (equal-cost paths) may pass a piece on one path and block it
		// on the other; only what no path blocks counts as passed.
		w.forked = w.forked || r.ecmp
	}
	for _, sr := range srcRegions {
		if sr.unknown {
			for _, dr := range dstRegions {
				decided = append(decided, decision{p: piece{sr.set, dr.set}, unknown: "where the sources enter is not determined: " + sr.reason})
			}
			continue
		}
		var pairs *pfPairs
		if e.model == "pf" {
			pairs = w.newPFPairs(sr.iface)
		}
		if sr.iface != nil {
			ingress[sr.iface.label] = true
			if e.model == "pf" || sr.iface == selfIface {
				w.note("sources %s: %s, so they enter on %s", strings.Join(sr.set.cidrs(), ", "), sr.reason, sr.iface.label)
			}
		}
		for _, dr := range dstRegions {
			if dr.unknown {
				decided = append(decided, decision{p: piece{sr.set, dr.set}, unknown: "where the destinations leave is not determined: " + dr.reason})
				continue
			}
			crossing := []piece{{sr.set, dr.set}}
			if sr.iface == dr.iface && sr.iface != nil {
				var local []piece
				local, crossing = w.e.sameNetwork(crossing[0], sr.iface)
				for _, p := range local {
					w.note("sources %s to destinations %s share a connected network of %s: that traffic does not cross the device",
						strings.Join(p.src.cidrs(), ", "), strings.Join(p.dst.cidrs(), ", "), sr.iface.label)
					decided = append(decided, decision{p: p})
				}
			}
			for _, p := range crossing {
				var d []decision
				switch e.model {
				case "pf":
					if sr.iface != dr.iface && !e.pairwise {
						// The pair's decisions are appended in place (pairs.go).
						if decided, err = w.pfPair(decided, pairs, p, sr.iface, dr.iface); err != nil {
							return nil, fmt.Errorf("device %q: %v", e.name, err)
						}
						continue
					}
					d, err = w.pf(p, sr.iface, dr.iface)
				case "generic":
					d, err = w.generic(p, sr.iface, dr.iface)
				case "cisco":
					d, err = w.cisco(p, sr.iface, dr.iface)
				default:
					d, err = w.hooks(p, sr.iface, dr.iface)
				}
				if err != nil {
					return nil, fmt.Errorf("device %q: %v", e.name, err)
				}
				decided = append(decided, d...)
			}
		}
	}
	return w.result(decided, ingress), nil
}

// pf: a packet passes in on its ingress interface and out on its egress interface. In:
// floating quick rules (first match), the interface's rules (first match), non-quick floating
// rules (last match), default block. Out: floating quick, interface rules with direction out,
// non-quick floating (last match), then pfSense's automatic "pass out" of everything.
func (w *run) pf(p piece, in, out *iface) ([]decision, error) {
	ctx := pathCtx{in: in, out: out}
	var result []decision
	pending := []decision{{p: p}}
	var err error
	if in != selfIface {
		if pending, err = w.pfStage(pending, "in", in, ctx, &result); err != nil {
			return nil, err
		}
	}
	if out != selfIface {
		if pending, err = w.pfStage(pending, "out", out, ctx, &result); err != nil {
			return nil, err
		}
	}
	return append(result, pending...), nil
}

// pfStage runs the passed pieces through one direction's rule lists; blocked pieces go to
// final, passed ones come back with the passing rule added to their trail.
func (w *run) pfStage(pending []decision, dir string, ifc *iface, ctx pathCtx, final *[]decision) ([]decision, error) {
	lists := w.pfLists(dir, ifc)
	var passed []decision
	for _, d := range pending {
		ps := []piece{d.p}
		for li, rules := range lists {
			if len(ps) == 0 {
				break
			}
			got, rest, err := w.walk("filter", rules, ps, ctx, 0)
			if err != nil {
				return nil, err
			}
			for _, g := range got {
				if g.block || g.unknown != "" {
					*final = append(*final, g)
					continue
				}
				passed = append(passed, decision{p: g.p, via: appendRef(d.via, g.by)})
			}
			ps = rest
			if li == len(lists)-1 {
				for _, p := range ps {
					if dir == "out" {
						// The automatic outbound pass is not cited: nothing in the config chose it.
						passed = append(passed, decision{p: p, via: d.via})
						continue
					}
					ref := Ref{Default: w.e.defaultAction, Chain: "filter"}
					if ifc != nil {
						ref.Interface = ifc.label
					}
					if w.e.defaultAction == "pass" {
						passed = append(passed, decision{p: p, via: appendRef(d.via, ref)})
					} else {
						*final = append(*final, decision{p: p, block: true, by: ref})
					}
				}
			}
		}
	}
	return passed, nil
}

// pfLists are the evaluator's pf rule lists of a direction and interface for this flow's
// shape, remembered by the run: a flow split over many VLANs asks for the same lists once per
// pair of interfaces, and the evaluator's shared cache takes a lock and hashes the shape.
func (w *run) pfLists(dir string, ifc *iface) [3][]*rule {
	k := runListKey{out: dir == "out", ifc: ifc}
	if lists, ok := w.lists[k]; ok {
		return lists
	}
	lists := w.e.pfRuleLists(dir, ifc, w.shape(), w.pfShape())
	if w.lists == nil {
		w.lists = map[runListKey][3][]*rule{}
	}
	w.lists[k] = lists
	return lists
}

// runListKey names a pf rule list of a run (whose flow shape is fixed).
type runListKey struct {
	out bool
	ifc *iface
}

func appendRef(via []Ref, r Ref) []Ref {
	out := make([]Ref, 0, len(via)+1)
	return append(append(out, via...), r)
}

type pfListKey struct {
	dir   string
	iface *iface
	shape flowShape
}

// pfRuleLists builds, once per interface, direction and flow shape, the three rule lists pf
// walks: floating quick rules, the interface's rules (its groups' first), and non-quick
// floating rules reversed, so that the first match in that list is the last match in the
// ruleset. Rules that cannot match a flow of the shape are left out (cache.go).
func (e *Evaluator) pfRuleLists(dir string, ifc *iface, shape flowShape, sh *pfShape) [3][]*rule {
	key := pfListKey{dir, ifc, shape}
	e.pfMu.Lock()
	defer e.pfMu.Unlock()
	if lists, ok := e.pfLists[key]; ok {
		return lists
	}
	var quick, group, own, last []*rule
	for _, r := range e.pfIdx.rulesFor(ifc, sh) {
		if r.disabled {
			continue
		}
		if r.floating {
			if !pfDirection(r.direction, dir, true) || !pfOnInterface(r, ifc, true) {
				continue
			}
			if r.quick {
				quick = append(quick, r)
			} else {
				last = append(last, r)
			}
			continue
		}
		if !pfDirection(r.direction, dir, false) || ifc == nil {
			continue
		}
		switch {
		case namesAny(r.ifaceSet, ifc.groups):
			group = append(group, r)
		case namesAny(r.ifaceSet, ifc.ids):
			own = append(own, r)
		}
	}
	slicesReverse(last)
	lists := [3][]*rule{quick, append(group, own...), last}
	if len(e.pfLists) >= maxStaticEntries {
		clear(e.pfLists) // bounded like the other caches (cache.go)
	}
	e.pfLists[key] = lists
	return lists
}

func slicesReverse(rs []*rule) {
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
}

// pfDirection: floating rules match in, out or both ("any" or unset); interface rules are
// inbound unless they say out (OPNsense allows that).
func pfDirection(ruleDir, dir string, floating bool) bool {
	switch ruleDir {
	case "in":
		return dir == "in"
	case "out":
		return dir == "out"
	}
	return floating || dir == "in"
}

// pfOnInterface: a floating rule without interfaces applies to all of them.
func pfOnInterface(r *rule, ifc *iface, floating bool) bool {
	if len(r.ifaces) == 0 {
		return floating
	}
	if ifc == nil {
		return false
	}
	return namesAny(r.ifaceSet, ifc.ids) || namesAny(r.ifaceSet, ifc.groups)
}

// namesAny reports whether a rule's interface names hold one of an interface's names (its
// ids, or its groups): an interface has a few names, a rule may list many.
func namesAny(ruleNames, ifaceNames map[string]bool) bool {
	for n := range ifaceNames {
		if ruleNames[n] {
			return true
		}
	}
	return false
}

// generic: one ordered list (the chain named "filter", else the first), first match, then
// the device's default action.
func (w *run) generic(p piece, in, out *iface) ([]decision, error) {
	ctx := pathCtx{in: in, out: out}
	if in == selfIface {
		ctx.in, ctx.hook = nil, "output"
	}
	var main *chain
	for _, ch := range w.e.chains {
		if ch.name == "filter" {
			main = ch
			break
		}
	}
	if main == nil && len(w.e.chains) > 0 {
		main = w.e.chains[0]
	}
	var decided []decision
	rest := []piece{p}
	chainName := "filter"
	if main != nil {
		var err error
		chainName = main.name
		decided, rest, err = w.walk(main.name, main.rules, rest, ctx, 0)
		if err != nil {
			return nil, err
		}
	}
	for i := range decided {
		if !decided[i].block && decided[i].unknown == "" {
			decided[i].via = []Ref{decided[i].by}
		}
	}
	ref := Ref{Default: w.e.defaultAction, Chain: chainName}
	for _, p := range rest {
		if w.e.defaultAction == "pass" {
			decided = append(decided, decision{p: p, via: []Ref{ref}})
		} else {
			decided = append(decided, decision{p: p, block: true, by: ref})
		}
	}
	return decided, nil
}

// hooks: nftables and iptables. A transit flow crosses prerouting, forward and postrouting,
// one to the device prerouting and input, one from the device output and postrouting. Base
// chains of a hook run by priority (iptables: raw, mangle, filter, security); an accept ends
// only its base chain, a drop ends everything, and what falls off a base chain meets its
// policy.
func (w *run) hooks(p piece, in, out *iface) ([]decision, error) {
	ctx := pathCtx{in: in, out: out, hook: "forward"}
	switch {
	case in == selfIface:
		ctx.hook, ctx.in = "output", nil
	case out == selfIface:
		ctx.hook, ctx.out = "input", nil
	}
	var sequence []string
	switch ctx.hook {
	case "forward":
		sequence = []string{"prerouting", "forward", "postrouting"}
	case "input":
		sequence = []string{"prerouting", "input"}
	case "output":
		sequence = []string{"output", "postrouting"}
	}
	var final []decision
	alive := []decision{{p: p}}
	for _, hook := range sequence {
		bases := w.e.baseChains(hook)
		main := hook == ctx.hook
		if len(bases) == 0 {
			if !main {
				continue
			}
			w.note("no base chain hooks %s; the device default (%s) applies", hook, w.e.defaultAction)
			ref := Ref{Default: w.e.defaultAction, Chain: hook}
			if w.e.defaultAction == "pass" {
				for i := range alive {
					alive[i].via = appendRef(alive[i].via, ref)
				}
				continue
			}
			for _, a := range alive {
				final = append(final, decision{p: a.p, block: true, by: ref})
			}
			return final, nil
		}
		for _, ch := range bases {
			var next []decision
			for _, a := range alive {
				var back []piece
				var err error
				final, next, back, err = w.walkSurvivor(ch, []piece{a.p}, a, ctx, final, next)
				if err != nil {
					return nil, err
				}
				policy := ch.policy
				if policy == "" {
					policy = "pass"
				}
				ref := Ref{Default: policy, Table: ch.table, Chain: ch.name}
				for _, b := range back {
					switch {
					case policy == "block":
						final = append(final, decision{p: b, block: true, by: ref})
					case main:
						next = append(next, decision{p: b, via: appendRef(a.via, ref)})
					default:
						next = append(next, decision{p: b, via: a.via})
					}
				}
			}
			alive = next
		}
	}
	return append(final, alive...), nil
}

// iptablesTables orders the tables that may drop a packet at a hook, by their netfilter
// priority; nat only translates.
var iptablesTables = map[string]int{"raw": -300, "mangle": -150, "filter": 0, "": 0, "security": 50}

// baseChains lists the IPv4 base chains of a hook by priority: nftables chains with that hook,
// or the built-in chains of that name in the iptables tables.
func (e *Evaluator) baseChains(hook string) []*chain {
	var out []*chain
	prio := map[*chain]int{}
	for _, ch := range e.chains {
		if e.model == "iptables" {
			p, filtering := iptablesTables[strings.ToLower(ch.table)]
			if filtering && strings.EqualFold(ch.name, hook) {
				out = append(out, ch)
				prio[ch] = p
			}
			continue
		}
		if ch.hook != hook {
			continue
		}
		switch ch.family {
		case "", "ip", "inet":
			out = append(out, ch)
			prio[ch] = ch.priority
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return prio[out[i]] < prio[out[j]] })
	return out
}

const (
	icmpEchoReply   = 0
	icmpEchoRequest = 8
)

// stateful: pf keeps state for every pass rule by default (pf.conf(5), "keep state" is the
// default since OpenBSD 4.1); nftables and iptables track connections, and pass replies, when
// a rule accepts established traffic ("ct state established", "-m conntrack --ctstate
// ESTABLISHED"). A generic device is not assumed to.
func (e *Evaluator) stateful() bool {
	switch e.model {
	case "pf":
		return true
	case "nftables", "iptables":
		for _, ch := range e.chains {
			for _, r := range ch.rules {
				if !r.disabled && actionOf(r.action) == "pass" && slices.Contains(r.states, "established") {
					return true
				}
			}
		}
	}
	return false
}

// echoReply judges echo replies (ICMP type 0) from A to B on a stateful device: they are state
// traffic of the echo requests (type 8) from B to A, so they pass exactly where those do.
func (e *Evaluator) echoReply(f Flow) (*Result, error) {
	req := icmpEchoRequest
	rev := Flow{Protocol: f.Protocol, Sources: f.Destinations, Destinations: f.Sources, ICMPType: &req, AWS: f.AWS}
	requests, err := e.Evaluate(rev)
	if err != nil {
		return nil, err
	}
	// The requests' result is shared (Evaluate memoizes it): the reply is a copy.
	res := *requests
	res.Blocked, res.Passed, res.Unknown = make([]Blocked, len(requests.Blocked)), make([]Passed, len(requests.Passed)), make([]Undecided, len(requests.Unknown))
	for i, b := range requests.Blocked {
		b.Piece = swap(b.Piece)
		res.Blocked[i] = b
	}
	for i, p := range requests.Passed {
		p.Piece = swap(p.Piece)
		res.Passed[i] = p
	}
	for i, u := range requests.Unknown {
		u.Piece = swap(u.Piece)
		res.Unknown[i] = u
	}
	res.Notes = append(append([]string{}, requests.Notes...), fmt.Sprintf("echo replies %s -> %s are state traffic of the echo requests %s -> %s on this stateful firewall: judged by whether those requests pass",
		strings.Join(f.Sources, ","), strings.Join(f.Destinations, ","), strings.Join(f.Destinations, ","), strings.Join(f.Sources, ",")))
	sort.Strings(res.Notes)
	return &res, nil
}

func swap(p Piece) Piece { return Piece{Sources: p.Destinations, Destinations: p.Sources} }

// dnatDoubt names an enabled destination-translating rule (dnat, redirect, port forward) that
// may apply to the flow, "" when none does. Only nftables and iptables are judged: a pfSense
// port forward applies to traffic arriving on its interface for its own address, which the
// filter rules already see translated in the export.
func (e *Evaluator) dnatDoubt(fs *flowSpec) string {
	if e.model != "nftables" && e.model != "iptables" {
		return ""
	}
	for _, n := range e.dnat {
		if !n.protoAny && !n.protos.has(fs.proto) {
			continue
		}
		if len(n.ports) > 0 && ((fs.proto != protoTCP && fs.proto != protoUDP) || !inPorts(n.ports, fs.port)) {
			continue
		}
		if !n.src.any && fs.src.intersect(n.src.addrs).empty() != n.src.not {
			continue
		}
		if !n.dst.any && fs.dst.intersect(n.dst.addrs).empty() != n.dst.not {
			continue
		}
		return fmt.Sprintf("NAT rule %d (%s) may rewrite the destination before filtering (%s), which the evaluator does not model", n.index, n.where, n.kind)
	}
	return ""
}
