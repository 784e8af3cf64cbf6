package flow

import (
	"sort"
	"sync"
)

// pfIndex finds, per interface, the pf rules that can sit on its lists without visiting every
// rule of the ruleset: an estate with hundreds of VLAN interfaces and thousands of rules built
// each interface's lists by scanning every rule's interface set.
type pfIndex struct {
	// everywhere are the positions (in ruleset order) of the rules that name no interface;
	// byName those of the rules that name each interface or group.
	everywhere []int
	byName     map[string][]int
	rules      []*rule
}

func (e *Evaluator) buildPFIndex() *pfIndex {
	x := &pfIndex{byName: map[string][]int{}}
	for _, ch := range e.chains {
		for _, r := range ch.rules {
			i := len(x.rules)
			x.rules = append(x.rules, r)
			if len(r.ifaces) == 0 {
				x.everywhere = append(x.everywhere, i)
				continue
			}
			for n := range r.ifaceSet {
				x.byName[n] = append(x.byName[n], i)
			}
		}
	}
	return x
}

// rulesFor are the rules that name no interface or one of ifc's names (ids and groups), in
// ruleset order: every rule pf may put on ifc's lists, each once.
func (x *pfIndex) rulesFor(ifc *iface) []*rule {
	at := append([]int{}, x.everywhere...)
	if ifc != nil {
		for _, names := range []map[string]bool{ifc.ids, ifc.groups} {
			for n := range names {
				at = append(at, x.byName[n]...)
			}
		}
	}
	sort.Ints(at)
	out := make([]*rule, 0, len(at))
	for i, p := range at {
		if i > 0 && at[i-1] == p {
			continue
		}
		out = append(out, x.rules[p])
	}
	return out
}

// staticKey names one filtering of a rule list: the list, the context and what of the flow
// the static match reads (protocol, port, ICMP type).
type staticKey struct {
	list        candidateKey
	proto, port int
	icmpType    int // -1: the flow has every ICMP type
}

// staticCache keeps the candidates of each rule list per context and static flow, across the
// flows an evaluator is asked about: the checks and the path engine ask about the same few
// protocols and ports over the same lists, and a large ruleset's filtering dominated every
// flow. It is bounded and safe for concurrent use.
type staticCache struct {
	mu sync.Mutex
	m  map[staticKey][]candidate
}

// maxStaticEntries bounds the cache; past it the cache starts over (a flow never depends on
// what is cached, only on how fast it is found).
const maxStaticEntries = 1 << 14

func (c *staticCache) get(k staticKey) ([]candidate, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs, ok := c.m[k]
	return cs, ok
}

func (c *staticCache) put(k staticKey, cs []candidate) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxStaticEntries {
		c.m = map[staticKey][]candidate{}
	}
	c.m[k] = cs
}

func (w *run) staticKey(list candidateKey) staticKey {
	k := staticKey{list: list, proto: w.f.proto, port: w.f.port, icmpType: -1}
	if w.f.icmpType != nil {
		k.icmpType = *w.f.icmpType
	}
	return k
}
