package flow

import "strings"

// cisco: Cisco IOS interface ACLs, stateless. A transit packet meets the ACL bound "in" on
// its ingress interface, then the ACL bound "out" on its egress interface; each is first
// match and ends in its implicit deny (the importer writes it as the chain's last rule, and a
// packet that still falls off a chain is blocked the same way). Traffic to the router meets
// only the ingress ACL; traffic the router originates meets no outbound ACL (IOS does not
// filter locally generated packets with an outbound ACL). An interface and direction without
// an ACL passes everything. Zone-based firewall and CBAC are not evaluated: the importer marks
// the rules they affect with an unsupported match, which the walk turns into unknown.
func (w *run) cisco(p piece, in, out *iface) ([]decision, error) {
	ctx := pathCtx{in: in, out: out}
	if in == selfIface {
		ctx.in, ctx.hook = nil, "output"
	}
	var final []decision
	alive := []decision{{p: p}}
	stages := []struct {
		dir string
		ifc *iface
	}{{"in", in}, {"out", out}}
	for _, st := range stages {
		if st.ifc == nil || st.ifc == selfIface || (st.dir == "out" && in == selfIface) {
			continue
		}
		chains := w.e.ciscoChains(st.dir, st.ifc)
		if len(chains) == 0 {
			continue
		}
		var next []decision
		for _, a := range alive {
			rest := []piece{a.p}
			for _, ch := range chains {
				var back []piece
				var err error
				final, next, back, err = w.walkSurvivor(ch, rest, a, ctx, final, next)
				if err != nil {
					return nil, err
				}
				ref := Ref{Default: "block", Chain: ch.name, Interface: st.ifc.label}
				for _, b := range back {
					final = append(final, decision{p: b, block: true, by: ref})
				}
				rest = nil
			}
		}
		alive = next
	}
	return append(final, alive...), nil
}

// ciscoChains are the chains bound to an interface in a direction: Hook is the direction and
// the rules name the interface.
func (e *Evaluator) ciscoChains(dir string, ifc *iface) []*chain {
	var out []*chain
	for _, ch := range e.chains {
		if ch.hook != dir || len(ch.rules) == 0 {
			continue
		}
		for _, n := range ch.rules[0].ifaces {
			if ifc.ids[strings.ToLower(n)] {
				out = append(out, ch)
				break
			}
		}
	}
	return out
}
