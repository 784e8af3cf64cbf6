package flow

// walkSurvivor walks one chain for the pieces of a decision still alive (a) and sorts what the
// chain decided: blocked and undecided pieces are final and join final; passed ones stay alive
// and join next, their path extended by the rule that passed them. The pieces that fell off
// the chain come back as back, for the caller to meet with the chain's own default (an
// interface ACL's implicit deny, a base chain's policy). The Cisco ACL walk and the netfilter
// hook walk share it.
func (w *run) walkSurvivor(ch *chain, pieces []piece, a decision, ctx pathCtx, final, next []decision) (finalOut, nextOut []decision, back []piece, err error) {
	got, back, err := w.walk(ch.name, ch.rules, pieces, ctx, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, g := range got {
		if g.block || g.unknown != "" {
			final = append(final, g)
			continue
		}
		next = append(next, decision{p: g.p, via: appendRef(a.via, g.by)})
	}
	return final, next, back, nil
}
