package flow

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Random rule sets over the seed's addresses: sources cut from the VPC, destinations from the
// node networks, so rules overlap the flow and each other in every way.
var (
	srcPool = []string{"10.0.0.0/16", "10.0.0.0/17", "10.0.128.0/17", "10.0.1.0/24", "10.0.2.0/23", "10.0.64.0/18", "10.0.3.7/32", "10.0.0.0/8", "10.1.0.0/16"}
	dstPool = []string{"10.200.0.0/24", "10.200.1.0/24", "10.200.0.0/23", "10.200.0.128/25", "10.200.1.64/26", "10.200.0.5/32", "10.200.0.0/16", "10.201.0.0/24"}
)

func randEndpoint(rng *rand.Rand, pool []string) string {
	switch rng.Intn(8) {
	case 0:
		return "any"
	case 1:
		return "!" + pool[rng.Intn(len(pool))]
	}
	n := 1 + rng.Intn(2)
	var cidrs []string
	for range n {
		cidrs = append(cidrs, pool[rng.Intn(len(pool))])
	}
	return strings.Join(cidrs, ",")
}

// randRuleStart draws what every random rule i has: an action, one of protos, for a third of
// them a port range from lo+[0, spread) to hi+[0, spread), and the description rule-i.
func randRuleStart(rng *rand.Rand, i int, protos []string, lo, hi, spread int) (action, proto string, mods []mod) {
	action = []string{"pass", "block", "reject"}[rng.Intn(3)]
	proto = protos[rng.Intn(len(protos))]
	if rng.Intn(3) == 0 {
		mods = append(mods, port(lo+rng.Intn(spread), hi+rng.Intn(spread)))
	}
	return action, proto, append(mods, desc(fmt.Sprintf("rule-%d", i)))
}

func randRule(rng *rand.Rand, i int, withFloating bool) snapshot.FirewallRule {
	action, proto, mods := randRuleStart(rng, i, []string{"tcp", "tcp", "any", "udp", "tcp/udp"}, 10000, 10250, 300)
	if withFloating && rng.Intn(4) == 0 {
		mods = append(mods, floating(true, "in", "ipsec"))
	} else {
		mods = append(mods, on("ipsec"))
	}
	return r(action, proto, randEndpoint(rng, srcPool), randEndpoint(rng, dstPool), mods...)
}

// propertyFlow is the flow whose verdict moving rules about must not change: kubelet from the
// whole VPC to both node /24s, so that rules cut it in every way.
var propertyFlow = tcp(10250, vpc, "10.200.0.0/23")

// eachRandomRuleSet hands check 300 random pf rule sets (from the seed, minRules to minRules+9
// rules each, floating ones among them) with their verdict on propertyFlow.
func eachRandomRuleSet(t *testing.T, seed int64, minRules int, check func(trial int, rng *rand.Rand, rules []snapshot.FirewallRule, want string)) {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	for trial := range 300 {
		rules := make([]snapshot.FirewallRule, minRules+rng.Intn(10))
		for i := range rules {
			rules[i] = randRule(rng, i, true)
		}
		check(trial, rng, rules, pfVerdict(t, rules, propertyFlow))
	}
}

// pfVerdict is the verdict on f of a pf device with a copy of rules (which the test goes on
// moving about).
func pfVerdict(t *testing.T, rules []snapshot.FirewallRule, f Flow) string {
	t.Helper()
	return verdict(t, evaluate(t, pfDevice(slices.Clone(rules)...), f))
}

// verdict is a result reduced to what must not change when rules move: per citing rule (by
// description), the exact union of what it blocks and what it passes.
func verdict(t *testing.T, res *Result) string {
	t.Helper()
	groups := map[string][]piece{}
	name := func(r Ref) string {
		if r.Default != "" {
			return "default-" + r.Default
		}
		return r.Description
	}
	for _, b := range res.Blocked {
		k := "block " + name(b.By)
		groups[k] = append(groups[k], piece{setOf(t, b.Sources), setOf(t, b.Destinations)})
	}
	for _, p := range res.Passed {
		var names []string
		for _, r := range p.By {
			names = append(names, name(r))
		}
		k := "pass " + strings.Join(names, "+")
		groups[k] = append(groups[k], piece{setOf(t, p.Sources), setOf(t, p.Destinations)})
	}
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	fmt.Fprintf(&sb, "allowed=%v partial=%v\n", res.Allowed, res.PartiallyAllowed)
	for _, k := range keys {
		fmt.Fprintf(&sb, "%s: %s\n", k, canonical(groups[k]))
	}
	return sb.String()
}

func ruleRegion(t *testing.T, fr snapshot.FirewallRule) piece {
	t.Helper()
	set := func(ep snapshot.Endpoint) addrSet {
		if ep.Any {
			return fullIPv4()
		}
		s := setOf(t, ep.CIDRs)
		if ep.Not {
			return s.complement(ipv4Max)
		}
		return s
	}
	return piece{set(fr.Source), set(fr.Destination)}
}

func overlaps(t *testing.T, a, b snapshot.FirewallRule) bool {
	ra, rb := ruleRegion(t, a), ruleRegion(t, b)
	return !ra.src.intersect(rb.src).empty() && !ra.dst.intersect(rb.dst).empty()
}

func TestPropertyReorderDisjointRules(t *testing.T) {
	eachRandomRuleSet(t, 4, 4, func(trial int, rng *rand.Rand, rules []snapshot.FirewallRule, want string) {
		swapped := 0
		for range 40 {
			i := rng.Intn(len(rules) - 1)
			// Only neighbours no packet can match both of may trade places; a floating rule
			// and an interface rule never compete by position either.
			if overlaps(t, rules[i], rules[i+1]) && rules[i].Floating == rules[i+1].Floating {
				continue
			}
			rules[i], rules[i+1] = rules[i+1], rules[i]
			swapped++
		}
		if swapped == 0 {
			return
		}
		got := pfVerdict(t, rules, propertyFlow)
		if got != want {
			t.Fatalf("trial %d: reordering disjoint rules changed the verdict\nbefore:\n%s\nafter:\n%s", trial, want, got)
		}
	})
}

func narrower(rng *rand.Rand, ep snapshot.Endpoint) snapshot.Endpoint {
	if ep.Any || ep.Not || rng.Intn(3) == 0 {
		return ep
	}
	s, _, _ := parseIPv4Prefix(ep.CIDRs[0])
	size := s.hi - s.lo + 1
	sub := size >> uint(rng.Intn(4))
	if sub == 0 {
		sub = 1
	}
	lo := s.lo + uint64(rng.Int63n(int64(size/sub)))*sub
	ep.CIDRs = addrSet{{lo, lo + sub - 1}}.cidrs()
	return ep
}

func TestPropertyShadowedRuleChangesNothing(t *testing.T) {
	eachRandomRuleSet(t, 7, 3, func(trial int, rng *rand.Rand, rules []snapshot.FirewallRule, want string) {
		at := rng.Intn(len(rules))
		shadow := rules[at]
		shadow.Source = narrower(rng, shadow.Source)
		shadow.Destination = narrower(rng, shadow.Destination)
		shadow.Action = []string{"pass", "block"}[rng.Intn(2)]
		shadow.Description = "shadow"
		withShadow := append(append(append([]snapshot.FirewallRule(nil), rules[:at+1]...), shadow), rules[at+1:]...)
		res := evaluate(t, pfDevice(withShadow...), propertyFlow)
		if got := verdict(t, res); got != want {
			t.Fatalf("trial %d: a rule shadowed by rule %d changed the verdict\nbefore:\n%s\nafter:\n%s\nrules %+v\nshadow %+v", trial, at, want, got, rules, shadow)
		}
	})
}

// checkPartition asserts that passed and blocked pieces are disjoint and together exactly
// the flow.
func checkPartition(t *testing.T, res *Result, f Flow) {
	t.Helper()
	flowSrc, flowDst := setOf(t, f.Sources), setOf(t, f.Destinations)
	var all []piece
	for _, b := range res.Blocked {
		all = append(all, piece{setOf(t, b.Sources), setOf(t, b.Destinations)})
	}
	for _, p := range res.Passed {
		all = append(all, piece{setOf(t, p.Sources), setOf(t, p.Destinations)})
	}
	for _, u := range res.Unknown {
		all = append(all, piece{setOf(t, u.Sources), setOf(t, u.Destinations)})
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if !all[i].src.intersect(all[j].src).empty() && !all[i].dst.intersect(all[j].dst).empty() {
				t.Fatalf("pieces %d and %d overlap: %v / %v", i, j, all[i].src.cidrs(), all[j].src.cidrs())
			}
		}
	}
	if got, want := canonical(all), canonical([]piece{{flowSrc, flowDst}}); got != want {
		t.Fatalf("pieces cover %s, the flow is %s", got, want)
	}
	if res.Allowed != (len(res.Blocked) == 0 && len(res.Unknown) == 0) || (res.PartiallyAllowed && len(res.Passed) == 0) {
		t.Fatalf("allowed=%v partial=%v with %d blocked and %d passed", res.Allowed, res.PartiallyAllowed, len(res.Blocked), len(res.Passed))
	}
}

func TestPropertyPiecesPartitionTheFlow(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	flows := []Flow{tcp(10250, vpc, "10.200.0.0/23"), tcp(443, "10.0.0.0/15", "10.200.0.0/22")}
	for trial := range 300 {
		f := flows[trial%len(flows)]
		rules := make([]snapshot.FirewallRule, 2+rng.Intn(14))
		for i := range rules {
			rules[i] = randRule(rng, i, true)
			if rng.Intn(6) == 0 {
				rules[i].Quick = false
			}
		}
		checkPartition(t, evaluate(t, pfDevice(rules...), f), f)

		// The same rules as nftables chains, with jumps, gotos and returns between them.
		nChains := 1 + rng.Intn(3)
		chains := []snapshot.Chain{base("forward", "forward", 0, []string{"accept", "drop"}[rng.Intn(2)])}
		for c := 1; c < nChains; c++ {
			chains = append(chains, user(fmt.Sprintf("c%d", c)))
		}
		if rng.Intn(2) == 0 {
			chains = append(chains, base("late", "forward", 10, "accept"))
		}
		for i, fr := range rules {
			ci := rng.Intn(len(chains))
			fr.Interfaces = nil
			fr.Floating = false
			if rng.Intn(4) == 0 && ci+1 < nChains {
				fr.Action = []string{"jump", "goto"}[rng.Intn(2)]
				fr.JumpTarget = fmt.Sprintf("c%d", ci+1+rng.Intn(nChains-ci-1))
			} else if rng.Intn(8) == 0 {
				fr.Action = "return"
			}
			fr.Description = fmt.Sprintf("rule-%d", i)
			fr.Index = len(chains[ci].Rules)
			chains[ci].Rules = append(chains[ci].Rules, fr)
		}
		checkPartition(t, evaluate(t, hookDevice("nftables", chains...), f), f)
	}
}
