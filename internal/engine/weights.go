package engine

import (
	"runtime"
	"sort"
)

// checkWeights are the CPU milliseconds each built-in check took alone (EvaluateEach, caches
// emptied) on the scale-300 cluster-shaped estate, 2 cores: what balances the groups of
// checks evaluated in parallel. Only the proportions matter; a check not listed weighs
// defaultWeight. Regenerate with `go run ./internal/tools/bench -each 300` after a change
// that moves a check's cost a lot.
var checkWeights = map[string]int{
	"HN-CGW-01": 6, "HN-CGW-02": 5, "HN-CIDR-01": 1, "HN-CIDR-02": 2, "HN-CIDR-03": 1,
	"HN-CIL-01": 380, "HN-CIL-02": 285, "HN-CIL-03": 132, "HN-CIL-04": 129, "HN-CIL-05": 2,
	"HN-DX-01": 0, "HN-DX-02": 0, "HN-DX-03": 1, "HN-EGR-01": 133, "HN-EGR-02": 0, "HN-FW-01": 112,
	"HN-FW-02": 104, "HN-FW-03": 122, "HN-FW-04": 106, "HN-FW-05": 559, "HN-FW-06": 110,
	"HN-FW-07": 89, "HN-FW-08": 120, "HN-FW-09": 108, "HN-FW-10": 102, "HN-FW-11": 0, "HN-IPS-01": 4,
	"HN-IPS-02": 28, "HN-IPS-03": 23, "HN-IPS-04": 5, "HN-IPS-05": 3, "HN-IPS-06": 19,
	"HN-NACL-01": 561, "HN-ONP-01": 3, "HN-ONP-02": 444, "HN-ONP-03": 124, "HN-ONP-04": 37,
	"HN-ONP-05": 102, "HN-PATH-01": 223, "HN-PATH-02": 268, "HN-PATH-03": 188, "HN-PATH-04": 193,
	"HN-PATH-05": 113, "HN-PRB-01": 0, "HN-RT-01": 488, "HN-RT-02": 267, "HN-RT-03": 70,
	"HN-SG-01": 39, "HN-SG-02": 32, "HN-SG-03": 34, "HN-SG-04": 36, "HN-SG-05": 73, "HN-SG-06": 41,
	"HN-SNAP-01": 2, "HN-SNAP-02": 1, "HN-TGW-01": 3, "HN-TGW-02": 1, "HN-TGW-03": 4, "HN-TGW-04": 1,
	"HN-TGW-05": 2, "HN-TGW-06": 2, "HN-TGW-07": 2, "HN-TGW-08": 2, "HN-TGW-09": 1, "HN-TGW-10": 2,
	"HN-VGW-01": 1, "HN-VPC-01": 3, "HN-VPC-02": 3, "HN-VPC-03": 3, "HN-VPC-04": 17, "HN-VPC-05": 96,
	"HN-VPC-06": 25, "HN-VPC-07": 124, "HN-VPC-08": 32, "HN-VPC-09": 52, "HN-VPC-10": 1,
	"HN-VPN-01": 3, "HN-VPN-02": 6, "HN-VPN-03": 3, "HN-VPN-04": 5, "HN-VPN-05": 6, "HN-VPN-06": 5,
	"HN-X-01": 5, "HN-X-02": 147, "HN-X-03": 7,
}

// defaultWeight is the weight of a check measured nowhere (a new built-in).
const defaultWeight = 50

// weightOf is a check's weight, at least 1 so that every group gets a check.
func weightOf(id string) int {
	if w, ok := checkWeights[id]; ok {
		return max(w, 1)
	}
	return defaultWeight
}

// groupChecks splits the checks (by index) into at most n groups of about equal total weight:
// heaviest first, each into the lightest group so far (ties by ID and group order, so the
// split is the same every run). Each group keeps its checks in index order.
func groupChecks(checks []check, n int) [][]int {
	n = max(1, min(n, len(checks)))
	order := make([]int, len(checks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		wa, wb := weightOf(checks[order[a]].ID), weightOf(checks[order[b]].ID)
		if wa != wb {
			return wa > wb
		}
		return checks[order[a]].ID < checks[order[b]].ID
	})
	groups := make([][]int, n)
	load := make([]int, n)
	for _, i := range order {
		g := 0
		for j := 1; j < n; j++ {
			if load[j] < load[g] {
				g = j
			}
		}
		groups[g] = append(groups[g], i)
		load[g] += weightOf(checks[i].ID)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			sort.Ints(g)
			out = append(out, g)
		}
	}
	return out
}

// parallelism is how many groups of built-in checks are evaluated at once: one per processor
// Go may use.
func parallelism() int { return runtime.GOMAXPROCS(0) }
