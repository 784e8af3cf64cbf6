package path

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/hybridcheck/hybridcheck/internal/builtin"
	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// BuiltinName is how the HN-PATH checks ask the path engine.
const BuiltinName = "hybridcheck.path_trace"

// traceBuiltin is hybridcheck.path_trace(snapshot, flow): the trace of a named seed flow.
var traceBuiltin = builtin.Declare(BuiltinName,
	"Follows a named seed flow (kubelet, node-to-control-plane, pod-to-control-plane, webhook, "+
		"credentials, cilium-health, cilium-health-icmp) hop by hop across AWS and the on-prem device, "+
		"and returns each hop's verdict and evidence and the first hop that stops it.",
	pathTrace,
	builtin.Param("trace", builtin.Object, `{"applicable", "reason", "flow", "verdict": "pass"|"drop"|"unknown", "hops": [{"kind", "direction", "site", "resource", "what", "verdict", "evidence", "location", "pieces"}], "first_stop", "not_applicable"}`),
	builtin.Param("snapshot", builtin.Object, "the whole snapshot (input)"),
	builtin.Param("flow", types.S, "the seed flow's name"),
)

var builtinSet = builtin.NewSet(traceBuiltin)

// Builtins are this package's built-ins, for the engine's capabilities.
var Builtins = builtinSet.Decls()

// Register makes the built-in known to the compiler and the evaluator; calling it again is
// harmless.
func Register() { builtinSet.Register() }

// Share lets the path engine read the network of input from s, the typed snapshot input was
// converted from, for every query evaluated on that very value until release is called: the
// engine's queries (one per group of checks, on several goroutines) then share one Network,
// read once per evaluation without decoding the snapshot again. Entries are keyed by the
// input value's identity, so two snapshots never share an answer.
func Share(input ast.Value, s *snapshot.Snapshot) (release func()) {
	if _, ok := input.(ast.Object); !ok || s == nil {
		return func() {}
	}
	releaseDevices := shareDevices(input, s)
	releaseInput := shares.Share(input, &shared{snap: s})
	return func() {
		releaseInput()
		releaseDevices()
	}
}

// shareDevices lets the device flow built-in compile each device of input from its typed form
// in s (flow.ShareDevice) instead of decoding its Rego value again.
func shareDevices(input ast.Value, s *snapshot.Snapshot) (release func()) {
	t := input.(ast.Object).Get(ast.InternedTerm("devices"))
	if t == nil {
		return func() {}
	}
	devs, ok := t.Value.(*ast.Array)
	if !ok || devs.Len() != len(s.Devices) {
		return func() {}
	}
	releases := make([]func(), len(s.Devices))
	for i := range s.Devices {
		releases[i] = flow.ShareDevice(devs.Elem(i).Value, &s.Devices[i])
	}
	return func() {
		for _, r := range releases {
			r()
		}
	}
}

var shares builtin.Shared[shared]

// shared is one registered snapshot and the network read from it, once.
type shared struct {
	snap *snapshot.Snapshot
	once sync.Once
	n    *Network
	err  error
}

// cacheKey holds, per query, the networks already read for inputs nobody shared (opa eval,
// policy tests): the five path checks ask about the same snapshot, read and compiled once.
type cacheKey struct{}

type cachedNetwork struct {
	value ast.Value
	n     *Network
	err   error
}

func networkFor(bctx topdown.BuiltinContext, v ast.Value) (*Network, error) {
	if sh := shares.Get(v); sh != nil {
		sh.once.Do(func() { sh.n, sh.err = newNetwork(sh.snap, deviceEvaluator(v)) })
		return sh.n, sh.err
	}
	var cached []cachedNetwork
	if bctx.Cache != nil {
		if c, ok := bctx.Cache.Get(cacheKey{}); ok {
			cached = c.([]cachedNetwork)
		}
	}
	for _, c := range cached {
		if c.value == v || c.value.Compare(v) == 0 {
			return c.n, c.err
		}
	}
	n, err := readNetwork(v)
	if bctx.Cache != nil {
		bctx.Cache.Put(cacheKey{}, append(cached, cachedNetwork{v, n, err}))
	}
	return n, err
}

// deviceEvaluator compiles the snapshot's first device through the device flow built-in's
// cache, from the same Rego value the firewall checks pass it: the path engine and those
// checks share one compiled device (and what it memoizes) instead of compiling it twice.
func deviceEvaluator(input ast.Value) func(*snapshot.Device) (*flow.Evaluator, error) {
	return func(dev *snapshot.Device) (*flow.Evaluator, error) {
		if obj, ok := input.(ast.Object); ok {
			if devs, ok := obj.Get(ast.InternedTerm("devices")).Value.(*ast.Array); ok && devs.Len() > 0 {
				return flow.EvaluatorFor(devs.Elem(0).Value)
			}
		}
		return flow.NewEvaluator(dev)
	}
}

func readNetwork(v ast.Value) (*Network, error) {
	raw, err := ast.JSON(v)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var s snapshot.Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("the snapshot does not read: %v", err)
	}
	return newNetwork(&s, deviceEvaluator(v))
}

func pathTrace(bctx topdown.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
	if len(ops) < 2 {
		return nil, fmt.Errorf("want a snapshot and a flow name")
	}
	name, ok := ops[1].Value.(ast.String)
	if !ok {
		return nil, fmt.Errorf("the flow name must be a string")
	}
	n, err := networkFor(bctx, ops[0].Value)
	if err != nil {
		return nil, err
	}
	applicable, reason := true, ""
	kv := make([][2]*ast.Term, 0, 7)
	f, err := n.SeedFlow(string(name))
	if err != nil {
		applicable, reason = false, err.Error()
	} else {
		t, err := n.Trace(f)
		if err != nil {
			return nil, err
		}
		if t.NotApplicable != "" {
			applicable, reason = false, t.NotApplicable
		}
		kv = traceFields(kv, t)
	}
	kv = append(kv, field("applicable", ast.InternedTerm(applicable)), field("reason", stringTerm(reason)))
	return ast.ObjectTerm(kv...), nil
}
