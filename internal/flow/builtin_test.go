package flow

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
)

// deviceValue is the device as a policy sees it: its snapshot JSON turned into a Rego value.
func deviceValue(t testing.TB, dev *snapshot.Device) ast.Value {
	t.Helper()
	raw, err := json.Marshal(dev)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ast.ValueFromReader(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func evalRego(t testing.TB, dev *snapshot.Device, query string) (any, error) {
	t.Helper()
	Register()
	input := ast.NewObject(ast.Item(ast.StringTerm("device"), ast.NewTerm(deviceValue(t, dev))))
	rs, err := rego.New(rego.Query(query), rego.ParsedInput(input), rego.StrictBuiltinErrors(true)).Eval(context.Background())
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("query %s: %d results", query, len(rs))
	}
	return rs[0].Expressions[0].Value, nil
}

func TestBuiltinThroughRego(t *testing.T) {
	dev := pfDevice(
		r("block", "tcp", "10.0.1.0/24", nodes, on("enc0"), desc("no kubelet from the build VPC")),
		r("pass", "tcp", "alias:AWS_NETS="+vpc, nodes, on("enc0"), port(10250, 10250), desc("kubelet from AWS")),
	)
	dev.Firewall.Chains[0].Rules[0].Tracker = "1700000001"
	dev.Firewall.Chains[0].Rules[0].Location = &snapshot.Location{File: "config.xml", Line: 212}

	got, err := evalRego(t, dev, `hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": {"10.200.0.0/24"}, "port": 10250})`)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(got)
	var res map[string]any
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	wantJSON := `{
		"allowed": false,
		"partially_allowed": true,
		"allowed_by": [{"chain": "filter", "index": 1, "action": "pass", "description": "kubelet from AWS", "tracker": ""}],
		"blocked": [{"sources": ["10.0.1.0/24"], "destinations": ["10.200.0.0/24"],
			"by": {"chain": "filter", "index": 0, "action": "block", "description": "no kubelet from the build VPC", "tracker": "1700000001", "location": {"file": "config.xml", "line": 212}}}],
		"passed": [{"sources": ["10.0.0.0/24", "10.0.2.0/23", "10.0.4.0/22", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17"], "destinations": ["10.200.0.0/24"],
			"by": [{"chain": "filter", "index": 1, "action": "pass", "description": "kubelet from AWS", "tracker": ""}]}],
		"ingress_interface": "ipsec",
		"notes": ["sources 10.0.0.0/16: a remote network of IPsec phase 2 \"vpc\", so they enter on ipsec"],
		"unknown": [],
		"routing": []
	}`
	var want map[string]any
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(res)
	wantNorm, _ := json.Marshal(want)
	if string(gotJSON) != string(wantNorm) {
		t.Errorf("got  %s\nwant %s", gotJSON, wantNorm)
	}

	allowed, err := evalRego(t, dev, `hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.2.0/24"], "destinations": ["10.200.0.0/24"], "port": 10250}).allowed`)
	if err != nil || allowed != true {
		t.Errorf("flow from 10.0.2.0/24: allowed=%v err=%v, want true", allowed, err)
	}
}

func TestBuiltinRefsNameTheTable(t *testing.T) {
	dev := hookDevice("nftables", base("forward", "forward", 0, "drop", r("pass", "tcp", "any", "10.200.0.0/25", desc("web"))))
	got, err := evalRego(t, dev, `[v |
		r := hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"], "port": 443})
		v := [r.allowed_by[0].table, r.allowed_by[0].description, r.blocked[0].by, r.blocked[0].destinations]
	][0]`)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(got)
	want := `["filter","web",{"chain":"forward","default":"block","table":"filter"},["10.200.0.128/25"]]`
	if string(raw) != want {
		t.Errorf("got  %s\nwant %s", raw, want)
	}
}

func TestBuiltinErrors(t *testing.T) {
	dev := pfDevice()
	tests := []struct{ query, want string }{
		{`hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"]})`, "needs a destination port"},
		{`hybridcheck.device_allows(input.device, {"protocol": "tcp", "source": ["10.0.0.0/16"], "port": 1})`, `unknown field "source"`},
		{`hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": "10.0.0.0/16", "port": 1})`, "sources: want an array"},
		{`hybridcheck.device_allows({"firewall": {"model": "pf", "chains": [{"name": "filter", "rules": [{"index": "one"}]}]}}, {"protocol": "icmp", "sources": ["10.0.0.0/16"], "destinations": ["10.0.0.0/8"]})`, "device.firewall.chains[0].rules[0].index: want a number, got string"},
	}
	for _, tc := range tests {
		_, err := evalRego(t, dev, tc.query)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), BuiltinName) {
			t.Errorf("%s:\nerror %v, want one naming %s and containing %q", tc.query, err, BuiltinName, tc.want)
		}
	}
}

// The policy tester (hybridcheck policy test) compiles and runs user tests with the built-in.
func TestBuiltinInPolicyTests(t *testing.T) {
	Register()
	dev, err := json.Marshal(pfDevice(r("pass", "udp", tunnelIP, "self", on("wan"), port(500, 500))))
	if err != nil {
		t.Fatal(err)
	}
	module := `package user.fw_test

device := ` + string(dev) + `

test_ike_inbound_allowed if {
	hybridcheck.device_allows(device, {"protocol": "udp", "sources": ["198.51.100.7/32"], "destinations": ["203.0.113.2"], "port": 500}).allowed
}

test_esp_inbound_blocked_by_default if {
	r := hybridcheck.device_allows(device, {"protocol": 50, "sources": ["198.51.100.7/32"], "destinations": ["203.0.113.2"]})
	not r.allowed
	r.blocked[0].by == {"default": "block", "chain": "filter", "interface": "wan"}
}
`
	parsed, err := ast.ParseModule("fw_test.rego", module)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().Run(context.Background(), map[string]*ast.Module{"fw_test.rego": parsed})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for res := range ch {
		n++
		if !res.Pass() {
			t.Errorf("%s: fail=%v error=%v", res.Name, res.Fail, res.Error)
		}
	}
	if n != 2 {
		t.Errorf("ran %d tests, want 2", n)
	}
}

func TestRegisterIsIdempotent(t *testing.T) {
	Register()
	Register()
	count := 0
	for _, b := range ast.Builtins {
		if b.Name == BuiltinName {
			count++
		}
	}
	if count != 1 {
		t.Errorf("%s declared %d times", BuiltinName, count)
	}
	found := false
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		found = found || b.Name == BuiltinName
	}
	if !found {
		t.Errorf("%s missing from the capabilities opa check reads", BuiltinName)
	}
}

func TestEvaluatorCache(t *testing.T) {
	a := deviceValue(t, pfDevice(r("pass", "tcp", "any", "any", on("lan"))))
	aCopy := deviceValue(t, pfDevice(r("pass", "tcp", "any", "any", on("lan"))))
	b := deviceValue(t, pfDevice(r("block", "tcp", "any", "any", on("lan"))))
	ea, err := evaluators.get(a)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := evaluators.get(a); again != ea {
		t.Error("the same device value compiled twice")
	}
	if same, _ := evaluators.get(aCopy); same != ea {
		t.Error("an equal device value compiled twice")
	}
	if eb, _ := evaluators.get(b); eb == ea {
		t.Error("a different device got the cached evaluator of another")
	}
	for i := range 2 * evaluators.max {
		dev := pfDevice(r("pass", "tcp", "any", "any", on("lan"), port(i+1, i+1)))
		if _, err := evaluators.get(deviceValue(t, dev)); err != nil {
			t.Fatal(err)
		}
	}
	evaluators.mu.Lock()
	size := evaluators.order.Len()
	keys := 0
	for _, els := range evaluators.byKey {
		keys += len(els)
	}
	evaluators.mu.Unlock()
	if size != evaluators.max || keys != size {
		t.Errorf("cache holds %d entries (%d indexed), want %d", size, keys, evaluators.max)
	}
}
