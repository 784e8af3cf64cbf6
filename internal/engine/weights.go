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
	"HN-CGW-01": 3, "HN-CGW-02": 3, "HN-CIDR-01": 0, "HN-CIDR-02": 0, "HN-CIDR-03": 0,
	"HN-CIL-01": 1330, "HN-CIL-02": 1354, "HN-CIL-03": 605, "HN-CIL-04": 261, "HN-CIL-05": 0,
	"HN-DX-01": 0, "HN-DX-02": 0, "HN-DX-03": 0, "HN-EGR-01": 218, "HN-EGR-02": 0, "HN-FW-01": 194,
	"HN-FW-02": 167, "HN-FW-03": 344, "HN-FW-04": 309, "HN-FW-05": 1080, "HN-FW-06": 695,
	"HN-FW-07": 138, "HN-FW-08": 189, "HN-FW-09": 189, "HN-FW-10": 91, "HN-FW-11": 0, "HN-IPS-01": 2,
	"HN-IPS-02": 19, "HN-IPS-03": 14, "HN-IPS-04": 2, "HN-IPS-05": 2, "HN-IPS-06": 13,
	"HN-NACL-01": 457, "HN-ONP-01": 2, "HN-ONP-02": 375, "HN-ONP-03": 172, "HN-ONP-04": 115,
	"HN-ONP-05": 280, "HN-PATH-01": 610, "HN-PATH-02": 308, "HN-PATH-03": 175, "HN-PATH-04": 428,
	"HN-PATH-05": 672, "HN-PRB-01": 0, "HN-RT-01": 451, "HN-RT-02": 215, "HN-RT-03": 59,
	"HN-SG-01": 31, "HN-SG-02": 28, "HN-SG-03": 28, "HN-SG-04": 29, "HN-SG-05": 69, "HN-SG-06": 39,
	"HN-SNAP-01": 1, "HN-SNAP-02": 0, "HN-TGW-01": 1, "HN-TGW-02": 0, "HN-TGW-03": 0, "HN-TGW-04": 0,
	"HN-TGW-05": 0, "HN-TGW-06": 0, "HN-TGW-07": 0, "HN-TGW-08": 0, "HN-TGW-09": 0, "HN-TGW-10": 0,
	"HN-VGW-01": 0, "HN-VPC-01": 0, "HN-VPC-02": 0, "HN-VPC-03": 0, "HN-VPC-04": 12, "HN-VPC-05": 69,
	"HN-VPC-06": 19, "HN-VPC-07": 111, "HN-VPC-08": 27, "HN-VPC-09": 39, "HN-VPC-10": 0,
	"HN-VPN-01": 2, "HN-VPN-02": 2, "HN-VPN-03": 2, "HN-VPN-04": 2, "HN-VPN-05": 2, "HN-VPN-06": 2,
	"HN-X-01": 2, "HN-X-02": 169, "HN-X-03": 3,
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
