package flow

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sync"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// resultJSON is a result as JSON, to compare whole results.
func resultJSON(t *testing.T, ev *Evaluator, f Flow) string {
	t.Helper()
	res := testkit.Must(ev.Evaluate(f))(t)
	return string(testkit.Must(json.Marshal(res))(t))
}

// An evaluator's caches (pf's per-interface lists, the rule candidates kept per static flow,
// the results by flow) never change an answer: one evaluator asked about many flows, from several goroutines at
// once, answers each exactly as a fresh evaluator asked about that flow alone. Rules name
// interfaces, groups or none, float or not, so the interface index is exercised too.
func TestWarmCachesAnswerAsAFreshEvaluator(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	icmp8, icmp0 := 8, 0
	flows := []Flow{
		// An echo reply is judged by the requests the other way: both asked, in either order,
		// the shared requests' result must come back unchanged.
		{Protocol: "icmp", Sources: []string{nodes}, Destinations: []string{vpc}, ICMPType: &icmp0},
		{Protocol: "icmp", Sources: []string{vpc}, Destinations: []string{nodes}, ICMPType: &icmp8},
		tcp(10250, vpc, "10.200.0.0/23"), tcp(443, "10.0.0.0/15", "10.200.0.0/22"), tcp(10250, "10.200.0.0/23", vpc),
		{Protocol: "udp", Sources: []string{vpc}, Destinations: []string{nodes}, Port: 10260},
		{Protocol: "icmp", Sources: []string{vpc}, Destinations: []string{nodes, nodes2}, ICMPType: &icmp8},
		{Protocol: "icmp", Sources: []string{nodes2}, Destinations: []string{vpc}},
	}
	ifaceNames := [][]string{nil, {"ipsec"}, {"lan"}, {"opt1"}, {"lan", "opt1"}, {"opt2"}}
	for trial := range 40 {
		rules := make([]snapshot.FirewallRule, 4+rng.Intn(30))
		for i := range rules {
			rules[i] = randRule(rng, i, true)
			names := ifaceNames[rng.Intn(len(ifaceNames))]
			switch rng.Intn(3) {
			case 0:
				rules[i].Interfaces, rules[i].Floating = names, true
				rules[i].Quick = rng.Intn(2) == 0
				rules[i].Direction = []string{"", "in", "out", "any"}[rng.Intn(4)]
			default:
				rules[i].Interfaces, rules[i].Floating = names, false
			}
		}
		dev := pfDevice(rules...)
		want := make([]string, len(flows))
		for i, f := range flows {
			want[i] = resultJSON(t, compiled(t, dev), f)
		}
		shared := compiled(t, dev)
		var wg sync.WaitGroup
		got := make([][]string, 4)
		for g := range got {
			wg.Go(func() {
				for k := range flows {
					i := (k + g) % len(flows) // each goroutine in another order
					if got[g] == nil {
						got[g] = make([]string, len(flows))
					}
					got[g][i] = answerNoFatal(shared, flows[i])
				}
			})
		}
		wg.Wait()
		for g := range got {
			for i := range flows {
				if got[g][i] != want[i] {
					t.Fatalf("trial %d, flow %d, goroutine %d: warm shared evaluator answers\n%s\nfresh evaluator\n%s", trial, i, g, got[g][i], want[i])
				}
			}
		}
	}
}

func answerNoFatal(ev *Evaluator, f Flow) string {
	res, err := ev.Evaluate(f)
	if err != nil {
		return "error: " + err.Error()
	}
	data, err := json.Marshal(res)
	if err != nil {
		return fmt.Sprint("marshal: ", err)
	}
	return string(data)
}
