package nftables

import (
	"fmt"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
)

var natStatements = map[string]bool{"snat": true, "dnat": true, "masquerade": true, "redirect": true}

// classify checks jump and goto targets, refuses jump loops (the kernel refuses them too, and
// an evaluator would never finish), and marks the chains whose rules are NAT rules.
func (rs *ruleset) classify() error {
	edges := map[*chain][]device.Jump[*chain]{}
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
					edges[c] = append(edges[c], device.Jump[*chain]{To: t, Line: r.line})
				}
			}
		}
	}
	if cycle, _ := device.JumpLoop(rs.chains, edges); cycle != nil {
		names := make([]string, len(cycle))
		for i, c := range cycle {
			names[i] = c.obj.Name
		}
		return device.LoopError(fmt.Sprintf("table %s %s", cycle[0].obj.Family, cycle[0].obj.Table), names)
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
		for _, j := range edges[c] {
			if t := j.To; !t.nat && t.obj.Hook == "" {
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
