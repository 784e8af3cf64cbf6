package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// piece is every source in src to every destination in dst.
type piece struct{ src, dst addrSet }

// decision is the fate of a piece: blocked by a rule or default, passed by the rules in via,
// or unknown (the reason says what the snapshot does not settle; by cites the rule, if any).
type decision struct {
	p       piece
	block   bool
	by      Ref
	via     []Ref
	unknown string
}

// pathCtx is what rule matching needs to know besides addresses: the interfaces the pieces
// enter and leave by (nil when none or unknown) and, for nftables and iptables, the hook.
type pathCtx struct {
	in, out *iface
	hook    string
}

// run is one flow's evaluation state.
type run struct {
	e     *Evaluator
	f     *flowSpec
	notes map[string]bool
	// forked is set once an undecidable jump or return was followed both ways; only then
	// can a passed piece overlap a blocked one.
	forked bool
	// routing is how the AWS prefixes were placed (evidence).
	routing []string
	// cands memoizes candidates per rule list and context.
	cands map[candidateKey][]candidate
	// lists memoizes pf's rule lists per direction and interface (pfLists).
	lists map[runListKey][3][]*rule
	// egresses memoizes what pfPair reads of each egress interface.
	egresses map[*iface]*egressLists
}

func (w *run) note(format string, args ...any) { w.notes[fmt.Sprintf(format, args...)] = true }

type matchKind int

const (
	noMatch matchKind = iota
	fullMatch
	// mayMatch: the rule matches only if something the evaluator cannot decide holds.
	mayMatch
)

const unmodelled = "it has a match the evaluator cannot model"

// staticMatch decides everything but addresses.
func (w *run) staticMatch(r *rule, ctx pathCtx) (matchKind, []string) {
	f := w.f
	if r.ipVersion == "inet6" || r.ipVersion == "ipv6" || r.src.v6only || r.dst.v6only {
		return noMatch, nil
	}
	var doubts []string
	if !r.protoAny {
		if r.protoError != "" {
			doubts = append(doubts, "its "+r.protoError+" is unknown")
		} else if !r.protos.has(f.proto) {
			return noMatch, nil
		}
	}
	if len(r.icmpTypes) > 0 {
		if f.proto != protoICMP {
			return noMatch, nil
		}
		if f.icmpType == nil {
			doubts = append(doubts, fmt.Sprintf("it matches only ICMP types %v and the flow has every type", r.icmpTypes))
		} else if !slices.Contains(r.icmpTypes, *f.icmpType) {
			return noMatch, nil
		}
	}
	portProto := f.proto == protoTCP || f.proto == protoUDP
	if len(r.dstPorts) > 0 {
		if !portProto || !inPorts(r.dstPorts, f.port) {
			return noMatch, nil
		}
	}
	if len(r.srcPorts) > 0 {
		if !portProto {
			return noMatch, nil
		}
		if !coversEphemeral(r.srcPorts) {
			doubts = append(doubts, "it matches only some source ports")
		}
	}
	if len(r.states) > 0 && !slices.Contains(r.states, "new") {
		return noMatch, nil
	}
	if w.e.model == "generic" || w.e.model == "cisco" {
		if k, d := genericIfaceMatch(r, ctx); k == noMatch {
			return noMatch, nil
		} else if k == mayMatch {
			doubts = append(doubts, d)
		}
		if k, d := ifaceMatch(r.outIfaces, ctx.out, false, "output interface"); k == noMatch {
			return noMatch, nil
		} else if k == mayMatch {
			doubts = append(doubts, d)
		}
	} else if w.e.model != "pf" {
		if k, d := ifaceMatch(r.ifaces, ctx.in, ctx.hook == "output", "input interface"); k == noMatch {
			return noMatch, nil
		} else if k == mayMatch {
			doubts = append(doubts, d)
		}
		if k, d := ifaceMatch(r.outIfaces, ctx.out, ctx.hook == "input", "output interface"); k == noMatch {
			return noMatch, nil
		} else if k == mayMatch {
			doubts = append(doubts, d)
		}
	}
	for _, u := range r.unsupported {
		doubts = append(doubts, unmodelled+" ("+u+")")
	}
	if len(doubts) > 0 {
		return mayMatch, doubts
	}
	return fullMatch, nil
}

// genericIfaceMatch: a generic rule's interfaces are where the packet enters (direction in),
// leaves (out) or either (any), as on vendor ACLs applied to an interface in a direction.
func genericIfaceMatch(r *rule, ctx pathCtx) (matchKind, string) {
	inNone := ctx.hook == "output"
	switch r.direction {
	case "out":
		return ifaceMatch(r.ifaces, ctx.out, false, "output interface")
	case "any":
		ki, di := ifaceMatch(r.ifaces, ctx.in, inNone, "input interface")
		ko, do := ifaceMatch(r.ifaces, ctx.out, false, "output interface")
		switch {
		case ki == fullMatch || ko == fullMatch:
			return fullMatch, ""
		case ki == mayMatch:
			return mayMatch, di
		case ko == mayMatch:
			return mayMatch, do
		}
		return noMatch, ""
	}
	return ifaceMatch(r.ifaces, ctx.in, inNone, "input interface")
}

func inPorts(ranges []snapshot.PortRange, port int) bool {
	for _, pr := range ranges {
		if port >= pr.From && port <= pr.To {
			return true
		}
	}
	return false
}

// coversEphemeral: clients pick source ports from 1024-65535, so a rule covering that range
// matches every connection of the flow.
func coversEphemeral(ranges []snapshot.PortRange) bool {
	next := 1024
	for next <= 65535 {
		advanced := false
		for _, pr := range ranges {
			if pr.From <= next && pr.To >= next {
				next = pr.To + 1
				advanced = true
			}
		}
		if !advanced {
			return false
		}
	}
	return true
}

// ifaceMatch matches iifname/oifname-style lists; "eth*" and "eth+" are prefix wildcards.
// none says the packet has no such interface at that hook (so the match fails).
func ifaceMatch(names []string, ifc *iface, none bool, what string) (matchKind, string) {
	if len(names) == 0 {
		return fullMatch, ""
	}
	if none {
		return noMatch, ""
	}
	if ifc == nil {
		return mayMatch, "the flow's " + what + " is not known from the device's interfaces"
	}
	for _, n := range names {
		if ifaceNameMatches(n, ifc.ids) || ifaceNameMatches(n, ifc.groups) {
			return fullMatch, ""
		}
	}
	return noMatch, ""
}

func ifaceNameMatches(pattern string, ids map[string]bool) bool {
	if ids[pattern] {
		return true
	}
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		pattern = prefix + "+"
	}
	if prefix, ok := strings.CutSuffix(pattern, "+"); ok {
		for id := range ids {
			if strings.HasPrefix(id, prefix) {
				return true
			}
		}
	}
	return false
}

// endpointSet is the set of points an endpoint matches in this flow's universe. Host names
// (public AWS endpoints) are matched by content: by any destination, by an FQDN naming them,
// and by addresses only through the endpoint's published address ranges: a set holds the name
// when it covers all of them, a negated set when it meets none of them. A set of private and
// special addresses alone never holds a public endpoint, so it needs no ranges.
func (w *run) endpointSet(ep *endpoint) addrSet {
	if ep.any {
		if ep.not {
			return nil
		}
		return addrSet{{0, w.f.top}}
	}
	set := ep.addrs
	if len(w.f.names) > 0 {
		var spans []span
		for i, name := range w.f.names {
			pt := namesBase + uint64(i)
			if nameIn(ep, name, w.f.nameRanges[i]) {
				spans = append(spans, span{pt, pt})
			}
		}
		set = set.union(normalize(spans))
	}
	if ep.not {
		return set.complement(w.f.top)
	}
	return set
}

// nameIn: before any negation, does the endpoint's content take in the name? For a negated
// endpoint this answers whether the name lies (even partly) inside the excluded set.
func nameIn(ep *endpoint, name string, ranges addrSet) bool {
	for _, p := range ep.fqdns {
		if nameMatches(p, name) {
			return true
		}
	}
	if ranges == nil {
		return false
	}
	if ep.not {
		return !ep.addrs.intersect(ranges).empty()
	}
	return ep.addrs.contains(ranges)
}

// nameDoubts are the names whether the endpoint holds cannot be told: the endpoint has public
// addresses and the name's published ranges are not in the snapshot.
func (w *run) nameDoubts(ep *endpoint) (addrSet, []string) {
	if ep.any || len(w.f.names) == 0 || ep.addrs.minus(nonPublic).empty() {
		return nil, nil
	}
	var spans []span
	var names []string
	for i, name := range w.f.names {
		if w.f.nameRanges[i] != nil {
			continue
		}
		matched := false
		for _, p := range ep.fqdns {
			matched = matched || nameMatches(p, name)
		}
		if !matched {
			spans = append(spans, span{namesBase + uint64(i), namesBase + uint64(i)})
			names = append(names, name)
		}
	}
	return normalize(spans), names
}

// nonPublic holds the IPv4 blocks no public AWS endpoint uses: RFC 1918, shared address
// space, loopback, link-local, "this network", multicast and reserved.
var nonPublic = func() addrSet {
	var spans []span
	for _, c := range []string{"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"} {
		s, _, _ := parseIPv4Prefix(c)
		spans = append(spans, s)
	}
	return normalize(spans)
}()

// undecidedNames takes out of the pieces the names whose match with the rule's destination
// cannot be told, as unknown decisions naming the rule.
func (w *run) undecidedNames(r *rule, ps []piece) (rest []piece, undecided []decision) {
	doubt, names := w.nameDoubts(&r.dst)
	if doubt.empty() {
		return ps, nil
	}
	what := "destination"
	if r.dst.alias != "" {
		what = "destination alias " + r.dst.alias
	}
	reason := fmt.Sprintf("%s: whether its %s holds %s is not known without the published address ranges of the names (for AWS endpoints: collect --aws-ip-ranges)", refText(r.ref), what, strings.Join(names, ", "))
	for _, p := range ps {
		in, out := w.splitDst(p, doubt)
		if in != nil {
			undecided = append(undecided, decision{p: *in, by: r.ref, unknown: reason})
		}
		if out != nil {
			rest = append(rest, *out)
		}
	}
	return rest, undecided
}

func (w *run) splitDst(p piece, set addrSet) (in, out *piece) {
	if d := p.dst.intersect(set); !d.empty() {
		in = &piece{p.src, d}
	}
	if d := p.dst.minus(set); !d.empty() {
		out = &piece{p.src, d}
	}
	return in, out
}

// split divides pieces into the part a rule's addresses match and the rest.
func (w *run) split(r *rule, ps []piece) (in, out []piece) {
	if r.src.any && !r.src.not && r.dst.any && !r.dst.not {
		return ps, nil
	}
	rs, rd := w.endpointSet(&r.src), w.endpointSet(&r.dst)
	for _, p := range ps {
		sIn := p.src.intersect(rs)
		if sIn.empty() {
			out = append(out, p)
			continue
		}
		dIn := p.dst.intersect(rd)
		if dIn.empty() {
			out = append(out, p)
			continue
		}
		in = append(in, piece{sIn, dIn})
		if sOut := p.src.minus(rs); !sOut.empty() {
			out = append(out, piece{sOut, p.dst})
		}
		if dOut := p.dst.minus(rd); !dOut.empty() {
			out = append(out, piece{sIn, dOut})
		}
	}
	return in, out
}

// coalesce merges pieces that share a destination or a source set, keeping the number of
// pieces near the number of distinct rule edges crossed rather than growing with every split.
func coalesce(ps []piece) []piece {
	if len(ps) < 2 {
		return ps
	}
	// A flow split over many interface pairs leaves groups of pieces from one source to
	// many destinations (or the reverse): the merges below end in one piece, found without
	// a key per piece.
	if allEqual(ps, func(p piece) addrSet { return p.src }) {
		return []piece{{ps[0].src, unionAll(ps, func(p piece) addrSet { return p.dst })}}
	}
	if allEqual(ps, func(p piece) addrSet { return p.dst }) {
		return []piece{{unionAll(ps, func(p piece) addrSet { return p.src }), ps[0].dst}}
	}
	return mergeFixpoint(ps)
}

// mergeFixpoint merges pieces by destination, then by source, until nothing merges.
func mergeFixpoint(ps []piece) []piece {
	for {
		n := len(ps)
		ps = mergeBy(ps, func(p piece) string { return p.dst.key() }, func(a, b piece) piece { return piece{a.src.union(b.src), a.dst} })
		ps = mergeBy(ps, func(p piece) string { return p.src.key() }, func(a, b piece) piece { return piece{a.src, a.dst.union(b.dst)} })
		if len(ps) == n {
			return ps
		}
	}
}

func allEqual(ps []piece, side func(piece) addrSet) bool {
	first := side(ps[0])
	for _, p := range ps[1:] {
		if !side(p).equal(first) {
			return false
		}
	}
	return true
}

// unionAll is the union of one side of the pieces, in one merge.
func unionAll(ps []piece, side func(piece) addrSet) addrSet {
	n := 0
	for _, p := range ps {
		n += len(side(p))
	}
	spans := make([]span, 0, n)
	for _, p := range ps {
		spans = append(spans, side(p)...)
	}
	return normalize(spans)
}

func mergeBy(ps []piece, key func(piece) string, join func(a, b piece) piece) []piece {
	idx := make(map[string]int, len(ps))
	out := ps[:0:0]
	for _, p := range ps {
		k := key(p)
		if i, ok := idx[k]; ok {
			out[i] = join(out[i], p)
			continue
		}
		idx[k] = len(out)
		out = append(out, p)
	}
	return out
}

const maxJumpDepth = 64

// candidate is a rule of a list that may match the flow in a context, with how surely.
type candidate struct {
	r      *rule
	kind   matchKind
	doubts []string
}

// candidateKey names a rule list (its backing array and length: the evaluator's lists never
// change once built) in a context.
type candidateKey struct {
	head *(*rule)
	n    int
	ctx  pathCtx
}

// candidates are the rules of a list that can decide this flow in ctx (enabled, verdict or
// flow control, matching protocol, ports, states and interfaces), in order. A flow whose
// addresses split over many interfaces walks the same list once per interface pair; the
// static part of every rule's match is worked out once per list and context, so each walk
// only visits the rules that can match (pf's lists are already per interface and its match
// does not read the context, so one filtering serves every pair).
func (w *run) candidates(rules []*rule, ctx pathCtx) []candidate {
	if len(rules) == 0 {
		return nil
	}
	key := candidateKey{head: &rules[0], n: len(rules), ctx: ctx}
	if w.e.model == "pf" {
		key.ctx = pathCtx{}
	}
	if c, ok := w.cands[key]; ok {
		return c
	}
	shared := staticKey{list: key, shape: w.shape()}
	out, ok := w.e.statics.get(shared)
	if !ok {
		out = w.filter(rules, ctx)
		w.e.statics.put(shared, out)
	}
	if w.cands == nil {
		w.cands = map[candidateKey][]candidate{}
	}
	w.cands[key] = out
	return out
}

// walk runs pieces through a rule list, first match, following jumps and gotos. It returns
// what a terminal verdict decided and what fell off the end or hit a return.
func (w *run) walk(chainName string, rules []*rule, ps []piece, ctx pathCtx, depth int) (decided []decision, returned []piece, err error) {
	if depth > maxJumpDepth {
		return nil, nil, fmt.Errorf("chain %q: jumps nest deeper than %d (a loop?)", chainName, maxJumpDepth)
	}
	for _, m := range w.candidates(rules, ctx) {
		if len(ps) == 0 {
			break
		}
		r, kind, doubts := m.r, m.kind, m.doubts
		if r.action != "return" {
			var undecided []decision
			ps, undecided = w.undecidedNames(r, ps)
			decided = append(decided, undecided...)
			if len(ps) == 0 {
				break
			}
		}
		in, out := w.split(r, ps)
		if len(in) == 0 {
			continue
		}
		why := strings.Join(doubts, "; ")
		switch r.action {
		case "pass", "accept", "allow":
			if kind == mayMatch {
				w.note("%s may not match (%s), so it is not counted as passing", refText(r.ref), why)
				continue
			}
			for _, p := range in {
				decided = append(decided, decision{p: p, by: r.ref})
			}
		case "block", "reject", "drop", "deny":
			if kind == mayMatch && len(r.unsupported) > 0 {
				// Whether the rule blocks depends on a match nobody modelled: the flow's fate
				// here is unknown, and naming the rule says what to look at.
				for _, p := range in {
					decided = append(decided, decision{p: p, by: r.ref, unknown: fmt.Sprintf("%s may match (%s)", refText(r.ref), why)})
				}
				break
			}
			if kind == mayMatch {
				w.note("%s may match (%s), so it is taken to block", refText(r.ref), why)
			}
			for _, p := range in {
				decided = append(decided, decision{p: p, block: true, by: r.ref})
			}
		case "jump", "goto":
			if r.target == nil {
				w.note("%s: %s target chain %q does not exist; the rule is taken to block what it matches", refText(r.ref), r.action, r.jumpTarget)
				for _, p := range in {
					decided = append(decided, decision{p: p, block: true, by: r.ref})
				}
				break
			}
			sub, back, err := w.walk(r.target.name, r.target.rules, in, ctx, depth+1)
			if err != nil {
				return nil, nil, err
			}
			decided = append(decided, sub...)
			if kind == mayMatch {
				// Both worlds are followed: taken (above) and not taken (the matched part stays
				// in the remainder). A piece passes only if it passes in both.
				w.note("%s may not match (%s); both taking and skipping the %s are evaluated", refText(r.ref), why, r.action)
				w.forked = true
				out = append(out, in...)
				if r.action == "goto" {
					returned = append(returned, back...)
				}
			} else if r.action == "jump" {
				out = append(out, back...)
			} else {
				returned = append(returned, back...)
			}
		case "return":
			returned = append(returned, in...)
			if kind == mayMatch {
				w.note("%s may not match (%s); both returning and continuing are evaluated", refText(r.ref), why)
				w.forked = true
				out = append(out, in...)
			}
		}
		ps = coalesce(out)
	}
	returned = append(returned, ps...)
	return decided, coalesce(returned), nil
}

func isTerminalOrFlow(action string) bool {
	switch action {
	case "pass", "accept", "allow", "block", "reject", "drop", "deny", "jump", "goto", "return":
		return true
	}
	return false
}
