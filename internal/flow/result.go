package flow

import (
	"sort"
	"strconv"
	"strings"
)

func refKey(r Ref) string {
	return r.Default + "\x00" + r.Table + "\x00" + r.Chain + "\x00" + strconv.Itoa(r.Index) + "\x00" + r.Interface
}

// refLess orders rules by chain and position, defaults after rules.
func refLess(a, b Ref) bool {
	if (a.Default != "") != (b.Default != "") {
		return a.Default == ""
	}
	if a.Table != b.Table {
		return a.Table < b.Table
	}
	if a.Chain != b.Chain {
		return a.Chain < b.Chain
	}
	if a.Index != b.Index {
		return a.Index < b.Index
	}
	return a.Interface < b.Interface
}

func (p piece) minus(q piece) []piece {
	sIn := p.src.intersect(q.src)
	dIn := p.dst.intersect(q.dst)
	if sIn.empty() || dIn.empty() {
		return []piece{p}
	}
	var out []piece
	if s := p.src.minus(q.src); !s.empty() {
		out = append(out, piece{s, p.dst})
	}
	if d := p.dst.minus(q.dst); !d.empty() {
		out = append(out, piece{sIn, d})
	}
	return out
}

func (w *run) printPiece(p piece) Piece {
	return Piece{Sources: p.src.cidrs(), Destinations: append(p.dst.cidrs(), p.dst.names(w.f.names)...)}
}

// result turns the decisions of a walk into the flow's result: blocked, unknown and passed
// pieces, the rules that allowed it, the ingress interface and the notes.
func (w *run) result(decided []decision, ingress map[string]bool) *Result {
	res := &Result{AllowedBy: []Ref{}, Blocked: []Blocked{}, Passed: []Passed{}, Unknown: []Undecided{}, Notes: []string{},
		Routing: append([]string{}, w.routing...)}
	g := groupDecisions(decided)
	w.listUndecided(res, g)

	// A piece followed through both worlds of an undecidable jump may be passed in one and
	// blocked in the other; only what no world blocks counts as passed.
	allowedBy := map[string]Ref{}
	var blocked []piece
	if w.forked || len(g.unknown) > 0 {
		blocked = blockedPieces(decided)
	}
	for k, ps := range g.pass {
		residual := ps
		if w.forked || len(g.unknown) > 0 {
			residual = w.unblocked(ps, blocked)
		}
		if len(residual) == 0 {
			continue
		}
		via := g.passVia[k]
		for _, r := range via {
			allowedBy[refKey(r)] = r
		}
		for _, p := range coalesce(residual) {
			res.Passed = append(res.Passed, Passed{Piece: w.printPiece(p), By: append([]Ref{}, via...)})
		}
	}
	sort.Slice(res.Passed, func(i, j int) bool { return pieceLess(res.Passed[i].Piece, res.Passed[j].Piece) })
	for _, r := range allowedBy {
		res.AllowedBy = append(res.AllowedBy, r)
	}
	sort.Slice(res.AllowedBy, func(i, j int) bool { return refLess(res.AllowedBy[i], res.AllowedBy[j]) })

	res.Allowed = len(res.Blocked) == 0 && len(res.Unknown) == 0 && len(res.Passed) > 0
	res.PartiallyAllowed = !res.Allowed && len(res.Passed) > 0

	labels := make([]string, 0, len(ingress))
	for l := range ingress {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	res.IngressInterface = strings.Join(labels, ",")
	for n := range w.notes {
		res.Notes = append(res.Notes, n)
	}
	sort.Strings(res.Notes)
	return res
}

// groups are the decided pieces of a flow gathered by what decided them: the rule that
// blocked them, the reason they are unknown, the rules they passed.
type groups struct {
	unknown    map[string][]piece
	unknownRef map[string]Ref
	block      map[string][]piece
	blockRef   map[string]Ref
	pass       map[string][]piece
	passVia    map[string][]Ref
}

// groupDecisions gathers the decisions by the rule or reason that made them.
func groupDecisions(decided []decision) groups {
	g := groups{unknown: map[string][]piece{}, unknownRef: map[string]Ref{}, block: map[string][]piece{}, blockRef: map[string]Ref{},
		pass: map[string][]piece{}, passVia: map[string][]Ref{}}
	// Consecutive decisions mostly share their rule (a flow split over many interface pairs
	// is blocked by one default pair after pair): its key is built once per run of them.
	var lastRef Ref
	lastKey := ""
	key := func(r Ref) string {
		if lastKey == "" || r != lastRef {
			lastRef, lastKey = r, refKey(r)
		}
		return lastKey
	}
	var lastVia []Ref
	lastPass := ""
	// Each decision's group is found first and the groups' piece lists are then made at
	// their size: one of them may gather tens of thousands of pieces.
	type groupKey struct {
		kind byte
		key  string
	}
	type group struct {
		m     map[string][]piece
		key   string
		count int
	}
	var list []group
	index := map[groupKey]int{}
	of := make([]int32, len(decided))
	last, lastGK := -1, groupKey{}
	for i, d := range decided {
		var gk groupKey
		var m map[string][]piece
		switch {
		case d.unknown != "":
			gk, m = groupKey{0, d.unknown}, g.unknown
			if d.by.Chain != "" || d.by.Index != 0 {
				g.unknownRef[d.unknown] = d.by
			}
		case d.block:
			k := key(d.by)
			gk, m = groupKey{1, k}, g.block
			g.blockRef[k] = d.by
		default:
			// Decisions copied from one pair's to another's (pfPair) share their via slice:
			// its key is built once per run of them.
			if len(d.via) == 0 || len(d.via) != len(lastVia) || &d.via[0] != &lastVia[0] {
				var k strings.Builder
				for _, r := range d.via {
					k.WriteString(key(r))
					k.WriteByte('\x01')
				}
				lastVia, lastPass = d.via, k.String()
			}
			gk, m = groupKey{2, lastPass}, g.pass
			g.passVia[lastPass] = d.via
		}
		if last < 0 || gk != lastGK {
			n, ok := index[gk]
			if !ok {
				n = len(list)
				index[gk] = n
				list = append(list, group{m: m, key: gk.key})
			}
			last, lastGK = n, gk
		}
		list[last].count++
		of[i] = int32(last)
	}
	pieces := make([][]piece, len(list))
	for n, gr := range list {
		pieces[n] = make([]piece, 0, gr.count)
	}
	for i, d := range decided {
		pieces[of[i]] = append(pieces[of[i]], d.p)
	}
	for n, gr := range list {
		gr.m[gr.key] = pieces[n]
	}
	return g
}

// blockedPieces are the pieces blocked or unknown, in the order they were decided: only a
// flow that forked or has unknown parts needs them (result), and a flow split over many
// pairs of interfaces has a blocked piece per pair.
func blockedPieces(decided []decision) []piece {
	var out []piece
	for _, d := range decided {
		if d.unknown != "" || d.block {
			out = append(out, d.p)
		}
	}
	return out
}

// listUndecided fills the result's blocked and unknown pieces, coalesced and sorted.
func (w *run) listUndecided(res *Result, g groups) {
	for k, ps := range g.block {
		for _, p := range coalesce(ps) {
			res.Blocked = append(res.Blocked, Blocked{Piece: w.printPiece(p), By: g.blockRef[k]})
		}
	}
	sort.Slice(res.Blocked, func(i, j int) bool {
		a, b := res.Blocked[i], res.Blocked[j]
		if refKey(a.By) != refKey(b.By) {
			return refLess(a.By, b.By)
		}
		return pieceLess(a.Piece, b.Piece)
	})

	for reason, ps := range g.unknown {
		for _, p := range coalesce(ps) {
			u := Undecided{Piece: w.printPiece(p), Reason: reason}
			if ref, ok := g.unknownRef[reason]; ok {
				u.By = &ref
			}
			res.Unknown = append(res.Unknown, u)
		}
	}
	sort.Slice(res.Unknown, func(i, j int) bool {
		if res.Unknown[i].Reason != res.Unknown[j].Reason {
			return res.Unknown[i].Reason < res.Unknown[j].Reason
		}
		return pieceLess(res.Unknown[i].Piece, res.Unknown[j].Piece)
	})
}

// unblocked is what of the passed pieces no blocked piece covers.
func (w *run) unblocked(passed, blocked []piece) []piece {
	var out []piece
	for _, p := range passed {
		rest := []piece{p}
		for _, b := range blocked {
			var next []piece
			for _, r := range rest {
				next = append(next, r.minus(b)...)
			}
			rest = next
		}
		out = append(out, rest...)
	}
	return out
}

func pieceLess(a, b Piece) bool {
	if x, y := strings.Join(a.Sources, ","), strings.Join(b.Sources, ","); x != y {
		return x < y
	}
	return strings.Join(a.Destinations, ",") < strings.Join(b.Destinations, ",")
}
