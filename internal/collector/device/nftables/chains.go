package nftables

import (
	"fmt"
	"strings"
)

var natStatements = map[string]bool{"snat": true, "dnat": true, "masquerade": true, "redirect": true}

// classify checks jump and goto targets, refuses jump loops (the kernel refuses them too, and
// an evaluator would never finish), and marks the chains whose rules are NAT rules.
func (rs *ruleset) classify() error {
	edges := map[*chain][]*chain{}
	for _, c := range rs.chains {
		for _, r := range c.rules {
			for _, e := range r.Expr {
				rs.markSetsUsed(tableKey(c.obj.Family, c.obj.Table), e, 0)
				for kind, body := range e {
					if natStatements[kind] && c.obj.Hook == "" {
						c.nat = true
					}
					if kind != "jump" && kind != "goto" {
						continue
					}
					target := verdictTarget(body)
					t, ok := rs.chainBy[tableKey(c.obj.Family, c.obj.Table)+" "+target]
					if !ok {
						return fmt.Errorf("line %d: table %s %s chain %s rule handle %d: %s to undeclared chain %q", r.line, c.obj.Family, c.obj.Table, c.obj.Name, r.Handle, kind, target)
					}
					edges[c] = append(edges[c], t)
				}
			}
		}
	}
	if err := findLoop(rs.chains, edges); err != nil {
		return err
	}
	// Regular chains reached from a NAT chain run in NAT context.
	queue := make([]*chain, 0, len(rs.chains))
	for _, c := range rs.chains {
		if c.nat {
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, t := range edges[c] {
			if !t.nat && t.obj.Hook == "" {
				t.nat = true
				queue = append(queue, t)
			}
		}
	}
	return nil
}

func verdictTarget(body any) string {
	m, _ := body.(map[string]any)
	s, _ := m["target"].(string)
	return s
}

// findLoop reports the first jump cycle as "chain A jumps back to itself via B".
func findLoop(chains []*chain, edges map[*chain][]*chain) error {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*chain]int, len(chains))
	var path []*chain
	var visit func(c *chain) error
	visit = func(c *chain) error {
		state[c] = onPath
		path = append(path, c)
		for _, t := range edges[c] {
			switch state[t] {
			case onPath:
				return loopError(path, t)
			case unseen:
				if err := visit(t); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		state[c] = done
		return nil
	}
	for _, c := range chains {
		if state[c] == unseen {
			if err := visit(c); err != nil {
				return err
			}
		}
	}
	return nil
}

func loopError(path []*chain, start *chain) error {
	i := len(path) - 1
	for path[i] != start {
		i--
	}
	table := fmt.Sprintf("table %s %s", start.obj.Family, start.obj.Table)
	if i == len(path)-1 {
		return fmt.Errorf("%s: chain %s jumps to itself", table, start.obj.Name)
	}
	via := make([]string, 0, len(path)-i-1)
	for _, c := range path[i+1:] {
		via = append(via, c.obj.Name)
	}
	return fmt.Errorf("%s: chain %s jumps back to itself via %s", table, start.obj.Name, strings.Join(via, ", "))
}

// markSetsUsed records every named set or map a rule mentions ("@name"), whether in a match, a
// verdict map, a set update or a NAT map, so the device lists them as aliases.
func (rs *ruleset) markSetsUsed(tk string, v any, depth int) {
	if depth > maxExprDepth {
		return
	}
	switch x := v.(type) {
	case string:
		if name, ok := strings.CutPrefix(x, "@"); ok {
			if ns, ok := rs.setBy[tk+" "+name]; ok {
				ns.used = true
			}
		}
	case []any:
		for _, el := range x {
			rs.markSetsUsed(tk, el, depth+1)
		}
	case map[string]any:
		for _, el := range x {
			rs.markSetsUsed(tk, el, depth+1)
		}
	}
}
