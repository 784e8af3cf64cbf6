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
	"HN-CGW-01": 7, "HN-CGW-02": 4, "HN-CIDR-01": 0, "HN-CIDR-02": 1, "HN-CIDR-03": 0,
	"HN-CIL-01": 627, "HN-CIL-02": 620, "HN-CIL-03": 240, "HN-CIL-04": 184, "HN-CIL-05": 0,
	"HN-DX-01": 0, "HN-DX-02": 0, "HN-DX-03": 0, "HN-EGR-01": 224, "HN-EGR-02": 0, "HN-FW-01": 186,
	"HN-FW-02": 103, "HN-FW-03": 110, "HN-FW-04": 115, "HN-FW-05": 1411, "HN-FW-06": 181,
	"HN-FW-07": 141, "HN-FW-08": 170, "HN-FW-09": 162, "HN-FW-10": 106, "HN-FW-11": 0, "HN-IPS-01": 7,
	"HN-IPS-02": 22, "HN-IPS-03": 17, "HN-IPS-04": 7, "HN-IPS-05": 3, "HN-IPS-06": 17,
	"HN-NACL-01": 627, "HN-ONP-01": 3, "HN-ONP-02": 383, "HN-ONP-03": 107, "HN-ONP-04": 36,
	"HN-ONP-05": 98, "HN-PATH-01": 295, "HN-PATH-02": 300, "HN-PATH-03": 189, "HN-PATH-04": 199,
	"HN-PATH-05": 189, "HN-PRB-01": 0, "HN-RT-01": 521, "HN-RT-02": 271, "HN-RT-03": 69,
	"HN-SG-01": 41, "HN-SG-02": 37, "HN-SG-03": 32, "HN-SG-04": 35, "HN-SG-05": 75, "HN-SG-06": 49,
	"HN-SNAP-01": 1, "HN-SNAP-02": 0, "HN-TGW-01": 1, "HN-TGW-02": 1, "HN-TGW-03": 1, "HN-TGW-04": 1,
	"HN-TGW-05": 1, "HN-TGW-06": 1, "HN-TGW-07": 1, "HN-TGW-08": 1, "HN-TGW-09": 1, "HN-TGW-10": 1,
	"HN-VGW-01": 2, "HN-VPC-01": 1, "HN-VPC-02": 1, "HN-VPC-03": 1, "HN-VPC-04": 15, "HN-VPC-05": 78,
	"HN-VPC-06": 23, "HN-VPC-07": 124, "HN-VPC-08": 29, "HN-VPC-09": 46, "HN-VPC-10": 0,
	"HN-VPN-01": 3, "HN-VPN-02": 3, "HN-VPN-03": 4, "HN-VPN-04": 3, "HN-VPN-05": 3, "HN-VPN-06": 5,
	"HN-X-01": 3, "HN-X-02": 187, "HN-X-03": 4,
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
