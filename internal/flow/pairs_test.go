package flow

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// vlanDevice is a pfSense with n node VLANs (10.200.v.0/24 on optV) besides the seed's
// interfaces, so flows to the node networks split over many pairs of interfaces.
func vlanDevice(n int, rules []snapshot.FirewallRule) *snapshot.Device {
	dev := pfDevice(rules...)
	for v := 2; v < n+2; v++ {
		dev.Interfaces = append(dev.Interfaces, snapshot.Interface{
			Name: fmt.Sprintf("opt%d", v+10), Device: fmt.Sprintf("em1.%d", 100+v), Enabled: true, Role: "vlan",
			Addresses: []string{fmt.Sprintf("10.200.%d.1/24", v)}, Networks: []string{fmt.Sprintf("10.200.%d.0/24", v)},
		})
	}
	return dev
}

// Endpoints that hold whole VLANs, cut them (/25s, hosts), hold none, or everything.
var vlanPool = []string{"10.200.2.0/24", "10.200.3.0/24", "10.200.2.0/23", "10.200.4.0/22", "10.200.5.128/25",
	"10.200.6.7/32", "10.200.0.0/16", "10.0.0.0/16", "203.0.113.0/24", "0.0.0.0/1", "10.200.1.0/24"}

func randVLANRule(rng *rand.Rand, i int, ifaces []string) snapshot.FirewallRule {
	action, proto, mods := randRuleStart(rng, i, []string{"tcp", "any", "udp", "icmp", "tcp/udp"}, 20, 22, 5)
	switch rng.Intn(4) {
	case 0:
		var on []string
		for range rng.Intn(3) {
			on = append(on, ifaces[rng.Intn(len(ifaces))])
		}
		mods = append(mods, floating(rng.Intn(3) > 0, []string{"in", "out", "any"}[rng.Intn(3)], on...))
	case 1:
		mods = append(mods, on(ifaces[rng.Intn(len(ifaces))]), dir("out"))
	default:
		mods = append(mods, on(ifaces[rng.Intn(len(ifaces))]))
	}
	if rng.Intn(8) == 0 {
		mods = append(mods, func(fr *snapshot.FirewallRule) { fr.Quick = false })
	}
	return r(action, proto, randEndpoint(rng, vlanPool), randEndpoint(rng, vlanPool), mods...)
}

// TestPropertySharedPairsMatchPairwise: evaluating a flow's interface pairs once per class of
// destination (pairs.go) gives exactly the result of walking every pair on its own, on random
// rulesets whose rules hold, cut or miss the VLANs, on interfaces, floating, in and out.
func TestPropertySharedPairsMatchPairwise(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	ifaces := []string{"wan", "lan", "opt1", "opt2", "opt12", "opt13", "opt14", "opt15", "opt16"}
	icmp := Flow{Protocol: "icmp", Sources: []string{"0.0.0.0/0"}, Destinations: []string{"10.200.0.0/16"}}
	flows := []Flow{
		tcp(22, "0.0.0.0/0", "10.200.0.0/16"),
		tcp(22, "10.200.0.0/16", "10.200.2.0/23,10.200.4.0/22,10.200.1.0/24"),
		tcp(24, "0.0.0.0/0,10.0.0.0/16", "10.200.2.0/24,10.200.5.0/24,10.200.6.0/24"),
		icmp,
	}
	var shared int64
	for trial := range 200 {
		rules := make([]snapshot.FirewallRule, 2+rng.Intn(20))
		for i := range rules {
			rules[i] = randVLANRule(rng, i, ifaces)
		}
		dev := vlanDevice(5, rules)
		if trial%3 == 0 {
			dev.Firewall.DefaultAction = "pass"
		}
		grouped, pairwise := compiled(t, dev), compiled(t, dev)
		pairwise.pairwise = true
		for _, f := range flows {
			got := testkit.Must(grouped.Evaluate(f))(t)
			want := testkit.Must(pairwise.Evaluate(f))(t)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d, flow %v: shared pairs give\n%+v\nevery pair on its own\n%+v\nrules %+v", trial, f, got, want, rules)
			}
		}
		shared += grouped.pairsShared.Load()
		if pairwise.pairsShared.Load() != 0 {
			t.Fatalf("trial %d: the pairwise evaluator shared pairs", trial)
		}
	}
	if shared == 0 {
		t.Fatal("no pair shared another's decisions: the test does not reach pairs.go")
	}
}

// TestCoalesceShortcutMatchesMerging: one source (or one destination) for every piece ends in
// the piece the general merging finds.
func TestCoalesceShortcutMatchesMerging(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	randSet := func() addrSet {
		var spans []span
		for range 1 + rng.Intn(3) {
			lo := uint64(rng.Intn(64)) * 4
			spans = append(spans, span{lo, lo + uint64(rng.Intn(8))})
		}
		return normalize(spans)
	}
	for trial := range 2000 {
		n := 2 + rng.Intn(6)
		fixed := randSet()
		ps := make([]piece, n)
		for i := range ps {
			ps[i] = piece{randSet(), randSet()}
			switch trial % 3 {
			case 0:
				ps[i].src = append(addrSet(nil), fixed...)
			case 1:
				ps[i].dst = append(addrSet(nil), fixed...)
			}
		}
		want := mergeFixpoint(append([]piece(nil), ps...))
		if got := coalesce(ps); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: coalesce %v, merging %v", trial, got, want)
		}
	}
}

func TestRelation(t *testing.T) {
	set := func(spans ...span) addrSet { return normalize(spans) }
	for _, c := range []struct {
		a, b addrSet
		want byte
	}{
		{set(span{0, 10}), set(span{2, 3}), relHolds},
		{set(span{0, 10}), set(span{2, 3}, span{9, 10}), relHolds},
		{set(span{0, 10}), set(span{2, 3}, span{11, 12}), relCuts},
		{set(span{0, 3}, span{5, 10}), set(span{3, 5}), relCuts},
		{set(span{0, 3}), set(span{4, 5}), relDisjoint},
		{set(span{0, 3}, span{8, 9}), set(span{4, 5}, span{6, 7}), relDisjoint},
		{nil, set(span{4, 5}), relDisjoint},
		{set(span{4, 5}), set(span{4, 5}), relHolds},
		{set(span{5, 9}), set(span{4, 5}), relCuts},
	} {
		if got := relation(c.a, c.b); got != c.want {
			t.Errorf("relation(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
