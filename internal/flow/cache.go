package flow

import (
	"encoding/json"
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
			r.seq = i
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

// rulesFor are the rules that name no interface or one of ifc's names (ids and groups) and
// can match a flow of the shape, in ruleset order: every rule pf may put on ifc's lists that
// can decide such a flow, each once. A rule that cannot match is left out of the lists, as the
// walk would skip it (candidates).
func (x *pfIndex) rulesFor(ifc *iface, sh *pfShape) []*rule {
	var named []int
	if ifc != nil {
		for _, names := range []map[string]bool{ifc.ids, ifc.groups} {
			for n := range names {
				for _, p := range x.byName[n] {
					if sh.matches[p].kind != noMatch {
						named = append(named, p)
					}
				}
			}
		}
	}
	// The rules that name an interface are few per interface; those that name none are
	// already in order and merged in.
	sort.Ints(named)
	out := make([]*rule, 0, len(sh.everywhere)+len(named))
	i, j, last := 0, 0, -1
	for i < len(sh.everywhere) || j < len(named) {
		var p int
		if j == len(named) || (i < len(sh.everywhere) && sh.everywhere[i] < named[j]) {
			p, i = sh.everywhere[i], i+1
		} else {
			p, j = named[j], j+1
		}
		if p != last {
			out = append(out, x.rules[p])
			last = p
		}
	}
	return out
}

// staticKey names one filtering of a rule list: the list, the context and what of the flow
// the static match reads (protocol, port, ICMP type).
type staticKey struct {
	list  candidateKey
	shape flowShape
}

// staticCache keeps the candidates of each rule list per context and static flow, across the
// flows an evaluator is asked about: the checks and the path engine ask about the same few
// protocols and ports over the same lists, and a large ruleset's filtering dominated every
// flow. It is bounded and safe for concurrent use.
type staticCache struct {
	mu sync.Mutex
	m  map[staticKey][]candidate
	// pf holds, per static flow, every pf rule's static match by its seq: pf's lists are
	// per interface and share most rules (the floating ones), so a rule's match is worked
	// out once per flow shape rather than once per interface list.
	pf map[flowShape]*pfShape
}

// pfShape is every pf rule's static match for one flow shape (by seq), and the positions of
// the rules that name no interface and can match.
type pfShape struct {
	matches    []ruleMatch
	everywhere []int
}

// flowShape is what of a flow the static match reads.
type flowShape struct{ proto, port, icmpType int }

type ruleMatch struct {
	kind   matchKind
	doubts []string
}

// maxStaticEntries and maxShapes bound the caches; past them a cache starts over (a flow
// never depends on what is cached, only on how fast it is found). The built-in checks ask
// about a dozen flow shapes.
const (
	maxStaticEntries = 1 << 14
	maxShapes        = 64
)

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

func (w *run) shape() flowShape {
	s := flowShape{proto: w.f.proto, port: w.f.port, icmpType: -1} // -1: every ICMP type
	if w.f.icmpType != nil {
		s.icmpType = *w.f.icmpType
	}
	return s
}

// filter keeps the rules of a list that can decide this flow in ctx, in order.
func (w *run) filter(rules []*rule, ctx pathCtx) []candidate {
	var out []candidate
	if w.e.model == "pf" {
		matches := w.pfShape().matches
		for _, r := range rules {
			if m := matches[r.seq]; m.kind != noMatch {
				out = append(out, candidate{r: r, kind: m.kind, doubts: m.doubts})
			}
		}
		return out
	}
	for _, r := range rules {
		if r.disabled || !isTerminalOrFlow(r.action) {
			continue
		}
		if kind, doubts := w.staticMatch(r, ctx); kind != noMatch {
			out = append(out, candidate{r: r, kind: kind, doubts: doubts})
		}
	}
	return out
}

// pfShape is every pf rule's static match for this flow's shape (pf's match does not read the
// context), worked out once per evaluator and shape.
func (w *run) pfShape() *pfShape {
	shape := w.shape()
	c := &w.e.statics
	c.mu.Lock()
	sh, ok := c.pf[shape]
	c.mu.Unlock()
	if ok {
		return sh
	}
	w.e.pfMu.Lock()
	if w.e.pfIdx == nil {
		w.e.pfIdx = w.e.buildPFIndex()
	}
	x := w.e.pfIdx
	w.e.pfMu.Unlock()
	sh = &pfShape{matches: make([]ruleMatch, len(x.rules))}
	for i, r := range x.rules {
		if !r.disabled && isTerminalOrFlow(r.action) {
			sh.matches[i].kind, sh.matches[i].doubts = w.staticMatch(r, pathCtx{})
		}
	}
	for _, p := range x.everywhere {
		if sh.matches[p].kind != noMatch {
			sh.everywhere = append(sh.everywhere, p)
		}
	}
	c.mu.Lock()
	if c.pf == nil || len(c.pf) >= maxShapes {
		c.pf = map[flowShape]*pfShape{}
	}
	c.pf[shape] = sh
	c.mu.Unlock()
	return sh
}

// answers memoizes an evaluator's results by flow: the firewall and Cilium checks and the path
// engine ask about the same flows (an echo reply is judged by the echo requests the other way,
// often asked on their own), each answer computed once per evaluator, once even when several
// goroutines ask at the same time. Results are shared: callers must not change them.
type answers struct {
	mu sync.Mutex
	m  map[string]*answer
}

type answer struct {
	ready chan struct{} // closed once res and err are set
	res   *Result
	err   error
}

// maxAnswers bounds the memo (the built-in checks ask about 40 flows per device); past it,
// it starts over.
const maxAnswers = 1 << 8

// Evaluate answers whether the whole flow is allowed by the device. The result is shared
// between callers asking about the same flow and must not be changed.
func (e *Evaluator) Evaluate(f Flow) (*Result, error) {
	key, err := json.Marshal(f)
	if err != nil {
		return e.evaluate(f)
	}
	e.answers.mu.Lock()
	if a, ok := e.answers.m[string(key)]; ok {
		e.answers.mu.Unlock()
		<-a.ready
		return a.res, a.err
	}
	if e.answers.m == nil || len(e.answers.m) >= maxAnswers {
		e.answers.m = map[string]*answer{}
	}
	a := &answer{ready: make(chan struct{})}
	e.answers.m[string(key)] = a
	e.answers.mu.Unlock()
	a.res, a.err = e.evaluate(f)
	close(a.ready)
	return a.res, a.err
}
