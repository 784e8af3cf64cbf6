package flow

import (
	"context"
	"fmt"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// largeDevice is a pfSense with 500 network aliases and 5,000 rules spread over the
// interfaces, most of them touching the VPC or the node networks so a flow is split often
// before the rule that passes it, near the end.
func largeDevice() *snapshot.Device {
	dev := pfDevice()
	for a := range 500 {
		dev.Aliases = append(dev.Aliases, snapshot.Alias{
			Name: fmt.Sprintf("NET_%d", a), Type: "network",
			CIDRs: []string{fmt.Sprintf("10.0.%d.0/24", a%256), fmt.Sprintf("172.16.%d.%d/30", a/64, (a%64)*4)},
		})
	}
	ifaces := []string{"lan", "opt1", "enc0", "wan"}
	var rules []snapshot.FirewallRule
	for i := range 4999 {
		al := dev.Aliases[2+i%500]
		src := "alias:" + al.Name + "=" + al.CIDRs[0] + "," + al.CIDRs[1]
		action := "pass"
		if i%7 == 0 {
			action = "block"
		}
		dst := fmt.Sprintf("10.200.%d.%d/32", i%2, i%256)
		mods := []mod{on(ifaces[i%4]), port(1000+i%9000, 1000+i%9000), desc(fmt.Sprintf("rule %d", i))}
		if i%50 == 0 {
			mods = append(mods, floating(true, "in", "enc0", "lan"))
		}
		rules = append(rules, r(action, "tcp", src, dst, mods...))
	}
	rules = append(rules, r("pass", "tcp", "alias:AWS_NETS="+vpc, "alias:NODES="+nodes+","+nodes2, on("enc0"), port(10250, 10250)))
	dev.Firewall.Chains = []snapshot.Chain{indexed("filter", rules)}
	return dev
}

func BenchmarkEvaluate5000Rules(b *testing.B) {
	e, err := NewEvaluator(largeDevice())
	if err != nil {
		b.Fatal(err)
	}
	f := tcp(10250, vpc, nodes+","+nodes2)
	b.ReportAllocs()
	for b.Loop() {
		if res, err := e.Evaluate(f); err != nil || !res.Allowed {
			b.Fatalf("allowed=%v err=%v", res != nil && res.Allowed, err)
		}
	}
}

func BenchmarkCompile5000Rules(b *testing.B) {
	dev := largeDevice()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewEvaluator(dev); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuiltin50Flows asks about 50 flows on one device in one query, as a policy does;
// the device is decoded and compiled once. The NoCache variant shows what each call would
// cost without the cache.
func BenchmarkBuiltin50Flows(b *testing.B)        { benchBuiltin(b, evaluators.max) }
func BenchmarkBuiltin50FlowsNoCache(b *testing.B) { benchBuiltin(b, 0) }

func benchBuiltin(b *testing.B, cacheSize int) {
	Register()
	saved := evaluators.max
	evaluators.max = cacheSize
	defer func() { evaluators.max = saved }()
	input := ast.NewObject(ast.Item(ast.StringTerm("device"), ast.NewTerm(deviceValue(b, largeDevice()))))
	query := `r := [x | some p in numbers.range(10201, 10250); x := hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"], "port": p}).allowed]`
	pq, err := rego.New(rego.Query(query)).PrepareForEval(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input))
		if err != nil {
			b.Fatal(err)
		}
		if got := rs[0].Bindings["r"].([]any); len(got) != 50 || got[49] != true {
			b.Fatalf("results %v", got)
		}
	}
}

func BenchmarkDecodeDevice(b *testing.B) {
	v := deviceValue(b, largeDevice())
	b.ReportAllocs()
	for b.Loop() {
		var dev snapshot.Device
		if err := decodeAST(v, &dev); err != nil {
			b.Fatal(err)
		}
	}
}
