package flow

// A flow from everywhere to every node network of a device with S node VLANs splits into S
// source regions times S destination regions, and pf walked the ingress interface's rule
// lists once per pair. pfPairs walks them once per source region and class of destination:
// where no rule of the lists the pair meets cuts a destination region (each rule's destination
// either holds the whole region or none of it), the walk never splits the destination, so its
// decisions are those of any other region that the same rules hold, on the same egress lists,
// with the destination swapped. Regions a rule cuts are walked on their own, as before.

// pfPairs memoizes the pf verdicts of one source region's pairs with destination regions.
type pfPairs struct {
	// reuse is false when the verdicts cannot be shared (the flow names destinations, or a
	// list holds a rule that jumps or returns).
	reuse bool
	// inSets are the destination sets of the rules the source region's ingress lists can
	// match, in walk order (nil for a rule that matches every destination and source).
	inSets []addrSet
	// byClass holds the decisions of a representative pair per class (egress lists and which
	// rules hold the destination); nil where the representative's destination was cut.
	byClass map[string][]decision
	buf     []byte
}

// egressLists is what the class of a destination reads of its egress interface: the
// identity of the rules on its lists and their destination sets.
type egressLists struct {
	reuse bool
	key   string
	sets  []addrSet
}

// relation of a rule's destination set to a destination region.
const (
	relDisjoint byte = iota
	relHolds
	relCuts
)

// relation tells whether set a holds all of b, none of it, or cuts it (b is not empty).
func relation(a, b addrSet) byte {
	covered, touched := true, false
	j := 0
	for _, s := range b {
		for j < len(a) && a[j].hi < s.lo {
			j++
		}
		if j < len(a) && a[j].lo <= s.hi {
			touched = true
			if a[j].lo > s.lo || a[j].hi < s.hi {
				covered = false
			}
		} else {
			covered = false
		}
		if touched && !covered {
			return relCuts
		}
	}
	if covered {
		return relHolds
	}
	return relDisjoint
}

// newPFPairs prepares the memo for the source region entering on in.
func (w *run) newPFPairs(in *iface) *pfPairs {
	t := &pfPairs{reuse: len(w.f.names) == 0, byClass: map[string][]decision{}}
	if t.reuse && in != selfIface {
		t.inSets, t.reuse = w.listSets("in", in)
	}
	return t
}

// listSets are the destination sets of the rules a direction's lists of an interface can
// match, in order; ok is false when one of them jumps or returns (its walk is not one list).
func (w *run) listSets(dir string, ifc *iface) (sets []addrSet, ok bool) {
	for _, rules := range w.pfLists(dir, ifc) {
		for _, c := range w.candidates(rules, pathCtx{}) {
			r := c.r
			switch r.action {
			case "jump", "goto", "return":
				return nil, false
			}
			if r.src.any && !r.src.not && r.dst.any && !r.dst.not {
				sets = append(sets, nil)
				continue
			}
			sets = append(sets, w.endpointSet(&r.dst))
		}
	}
	return sets, true
}

// egress is the class part of an egress interface, worked out once per run.
func (w *run) egress(out *iface) *egressLists {
	if eg, ok := w.egresses[out]; ok {
		return eg
	}
	eg := &egressLists{reuse: true, key: "self"}
	if out != selfIface {
		eg.sets, eg.reuse = w.listSets("out", out)
		var b []byte
		for _, rules := range w.pfLists("out", out) {
			for _, c := range w.candidates(rules, pathCtx{}) {
				b = appendInt(b, c.r.seq)
			}
			b = append(b, '|')
		}
		eg.key = string(b)
	}
	if w.egresses == nil {
		w.egresses = map[*iface]*egressLists{}
	}
	w.egresses[out] = eg
	return eg
}

func appendInt(b []byte, n int) []byte {
	return append(b, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// pfPair appends w.pf(p, in, out) to decided for a piece of the source region t was made for
// (p.src is that region's set, whole), reusing the decisions of an earlier pair of the same
// class.
func (w *run) pfPair(decided []decision, t *pfPairs, p piece, in, out *iface) ([]decision, error) {
	if !t.reuse {
		return w.pfAppend(decided, p, in, out)
	}
	eg := w.egress(out)
	if !eg.reuse {
		return w.pfAppend(decided, p, in, out)
	}
	b := append(t.buf[:0], eg.key...)
	b = append(b, 0)
	for _, sets := range [][]addrSet{t.inSets, eg.sets} {
		for _, s := range sets {
			rel := relHolds
			if s != nil {
				rel = relation(s, p.dst)
			}
			if rel == relCuts {
				t.buf = b
				return w.pfAppend(decided, p, in, out)
			}
			b = append(b, rel)
		}
	}
	t.buf = b
	if tpl, ok := t.byClass[string(b)]; ok && tpl != nil {
		w.e.pairsShared.Add(1)
		for _, d := range tpl {
			d.p.dst = p.dst
			decided = append(decided, d)
		}
		return decided, nil
	}
	ds, err := w.pf(p, in, out)
	if err != nil {
		return nil, err
	}
	var tpl []decision
	if whole(ds, p.dst) {
		tpl = ds
	}
	t.byClass[string(b)] = tpl
	return append(decided, ds...), nil
}

func (w *run) pfAppend(decided []decision, p piece, in, out *iface) ([]decision, error) {
	ds, err := w.pf(p, in, out)
	if err != nil {
		return nil, err
	}
	return append(decided, ds...), nil
}

// whole: every decision is about the whole destination (the walk did not cut it).
func whole(ds []decision, dst addrSet) bool {
	for _, d := range ds {
		if !d.p.dst.equal(dst) {
			return false
		}
	}
	return true
}
