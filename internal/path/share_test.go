package path

import (
	"context"
	"math/rand"
	"net/netip"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// kubeletVerdict evaluates hybridcheck.path_trace(input, "kubelet") on a parsed input value,
// as a policy does.
func kubeletVerdict(t *testing.T, input ast.Value) string {
	t.Helper()
	Register()
	q := testkit.Must(rego.New(rego.Query(`x := hybridcheck.path_trace(input, "kubelet")`), rego.StrictBuiltinErrors(true)).
		PrepareForEval(context.Background()))(t)
	rs := testkit.Must(q.Eval(context.Background(), rego.EvalParsedInput(input)))(t)
	tr := rs[0].Bindings["x"].(map[string]any)
	v, _ := tr["verdict"].(string)
	return v
}

// A shared snapshot answers for exactly the input value it was shared with, until released:
// another value with the same content is decoded on its own, so two snapshots never share an
// answer. The shared snapshot here lacks the device, which makes the kubelet flow unknown.
func TestShareAnswersForThatInputValueOnly(t *testing.T) {
	doc := fixture.LoadDoc(t, repoFile("snapshots", "reference-compliant.json"))
	input := testkit.Must(ast.InterfaceToValue(doc))(t)
	twin := testkit.Must(ast.InterfaceToValue(doc))(t)
	if got := kubeletVerdict(t, input); got != string(Pass) {
		t.Fatalf("decoded input: kubelet %s, want pass", got)
	}
	deviceless := parseDoc(t, doc)
	deviceless.Devices = nil
	release := Share(input, deviceless)
	if got := kubeletVerdict(t, input); got != string(Unknown) {
		t.Errorf("shared snapshot without a device: kubelet %s, want unknown", got)
	}
	if got := kubeletVerdict(t, twin); got != string(Pass) {
		t.Errorf("another input value with the same content: kubelet %s, want pass (its own decoding)", got)
	}
	release()
	if got := kubeletVerdict(t, input); got != string(Pass) {
		t.Errorf("after release: kubelet %s, want pass", got)
	}
}

// Queries on several goroutines share one Network per shared input (run with -race).
func TestSharedNetworkIsSafeForConcurrentQueries(t *testing.T) {
	doc := fixture.LoadDoc(t, repoFile("snapshots", "reference-compliant.json"))
	input := testkit.Must(ast.InterfaceToValue(doc))(t)
	defer Share(input, parseDoc(t, doc))()
	var wg sync.WaitGroup
	got := make([]string, 6)
	for i := range got {
		wg.Go(func() { got[i] = kubeletVerdict(t, input) })
	}
	wg.Wait()
	for i, v := range got {
		if v != string(Pass) {
			t.Errorf("goroutine %d: kubelet %s, want pass", i, v)
		}
	}
}

// spans answer "does this prefix meet any of those" exactly as comparing with each does.
func TestSpansMeetAsOverlapsDoes(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	prefix := func() netip.Prefix {
		a := netip.AddrFrom4([4]byte{10, byte(r.Intn(4)), byte(r.Intn(256)), byte(r.Intn(256))})
		return netip.PrefixFrom(a, 8+r.Intn(25)).Masked()
	}
	for round := 0; round < 300; round++ {
		var by []netip.Prefix
		for i := r.Intn(20); i > 0; i-- {
			by = append(by, prefix())
		}
		ss := spansOf(by)
		for i := 0; i < 50; i++ {
			p := prefix()
			want := false
			for _, q := range by {
				want = want || p.Overlaps(q)
			}
			if got := ss.meets(p); got != want {
				t.Fatalf("%s meets %v: %v, want %v", p, by, got, want)
			}
		}
	}
	if !spansOf([]netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}).meets(netip.MustParsePrefix("255.255.255.255/32")) {
		t.Fatal("0.0.0.0/0 does not meet the last address")
	}
}
