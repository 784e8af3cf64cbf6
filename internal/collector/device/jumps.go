package device

import (
	"fmt"
	"strings"
)

// Jump is one rule's jump or goto to a user chain: the chain jumped to and the line of the
// rule that jumps.
type Jump[C comparable] struct {
	To   C
	Line int
}

// JumpLoop finds the first cycle of jumps between chains, visiting the chains and each one's
// jumps in order. The kernel and iptables-restore refuse such rulesets, and an evaluator
// following the jumps would never finish. It returns the chains of the cycle, starting with
// the one that is jumped back to, and the line of the jump that closes it; no chains when
// there is no cycle.
func JumpLoop[C comparable](chains []C, jumps map[C][]Jump[C]) (cycle []C, line int) {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[C]int, len(chains))
	var path []C
	var visit func(c C) bool
	visit = func(c C) bool {
		state[c] = onPath
		path = append(path, c)
		for _, j := range jumps[c] {
			switch state[j.To] {
			case onPath:
				i := len(path) - 1
				for path[i] != j.To {
					i--
				}
				cycle, line = path[i:], j.Line
				return true
			case unseen:
				if visit(j.To) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		state[c] = done
		return false
	}
	for _, c := range chains {
		if state[c] == unseen && visit(c) {
			break
		}
	}
	return cycle, line
}

// LoopError words a jump cycle, given as its chains' names from the one jumped back to, after
// where it is (the table, and the line where known).
func LoopError(where string, cycle []string) error {
	if len(cycle) == 1 {
		return fmt.Errorf("%s: chain %s jumps to itself", where, cycle[0])
	}
	return fmt.Errorf("%s: chain %s jumps back to itself via %s", where, cycle[0], strings.Join(cycle[1:], ", "))
}
