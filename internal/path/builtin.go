package path

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// BuiltinName is how the HN-PATH checks ask the path engine.
const BuiltinName = "hybridcheck.path_trace"

// Builtin declares hybridcheck.path_trace(snapshot, flow): the trace of a named seed flow.
var Builtin = &ast.Builtin{
	Name: BuiltinName,
	Description: "Follows a named seed flow (kubelet, node-to-control-plane, pod-to-control-plane, webhook, " +
		"credentials, cilium-health, cilium-health-icmp) hop by hop across AWS and the on-prem device, " +
		"and returns each hop's verdict and evidence and the first hop that stops it.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("snapshot", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
				Description("the whole snapshot (input)"),
			types.Named("flow", types.S).Description("the seed flow's name"),
		),
		types.Named("trace", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
			Description(`{"applicable", "reason", "flow", "verdict": "pass"|"drop"|"unknown", "hops": [{"kind", "direction", "site", "resource", "what", "verdict", "evidence", "location", "pieces"}], "first_stop", "not_applicable"}`),
	),
}

// Builtins are this package's built-ins, for the engine's capabilities.
var Builtins = []*ast.Builtin{Builtin}

var registerOnce sync.Once

// Register makes the built-in known to the compiler and the evaluator; calling it again is
// harmless.
func Register() {
	registerOnce.Do(func() {
		ast.RegisterBuiltin(Builtin)
		topdown.RegisterBuiltinFunc(BuiltinName, pathTrace)
	})
}

// cacheKey holds, per query, the networks already read: the five path checks ask about the
// same snapshot, which is read and compiled once.
type cacheKey struct{}

type cachedNetwork struct {
	value ast.Value
	n     *Network
	err   error
}

func networkFor(bctx topdown.BuiltinContext, v ast.Value) (*Network, error) {
	var cached []cachedNetwork
	if bctx.Cache != nil {
		if c, ok := bctx.Cache.Get(cacheKey{}); ok {
			cached = c.([]cachedNetwork)
		}
	}
	for _, c := range cached {
		if c.value.Compare(v) == 0 {
			return c.n, c.err
		}
	}
	n, err := readNetwork(bctx, v)
	if bctx.Cache != nil {
		bctx.Cache.Put(cacheKey{}, append(cached, cachedNetwork{v, n, err}))
	}
	return n, err
}

// typedInputKey is the context key of WithTypedInput.
type typedInputKey struct{}

type typedInput struct {
	value ast.Object
	snap  *snapshot.Snapshot
}

// WithTypedInput says, to the evaluations run under the returned context, that the Rego value
// v is snapshot s already decoded: the built-in then builds its network from s instead of
// converting the whole snapshot back from v (a second copy of a large estate in memory).
func WithTypedInput(ctx context.Context, v ast.Value, s *snapshot.Snapshot) context.Context {
	o, ok := v.(ast.Object)
	if !ok || s == nil {
		return ctx
	}
	return context.WithValue(ctx, typedInputKey{}, typedInput{o, s})
}

func readNetwork(bctx topdown.BuiltinContext, v ast.Value) (*Network, error) {
	if bctx.Context != nil {
		t, ok := bctx.Context.Value(typedInputKey{}).(typedInput)
		if o, isObject := v.(ast.Object); ok && isObject && o == t.value {
			return New(t.snap)
		}
	}
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
	return New(&s)
}

func pathTrace(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
	if len(ops) < 2 {
		return fmt.Errorf("%s: want a snapshot and a flow name", BuiltinName)
	}
	name, ok := ops[1].Value.(ast.String)
	if !ok {
		return fmt.Errorf("%s: the flow name must be a string", BuiltinName)
	}
	n, err := networkFor(bctx, ops[0].Value)
	if err != nil {
		return fmt.Errorf("%s: %v", BuiltinName, err)
	}
	out := map[string]any{"applicable": true, "reason": ""}
	f, err := n.SeedFlow(string(name))
	if err != nil {
		out["applicable"], out["reason"] = false, err.Error()
	} else {
		t, err := n.Trace(f)
		if err != nil {
			return fmt.Errorf("%s: %v", BuiltinName, err)
		}
		if t.NotApplicable != "" {
			out["applicable"], out["reason"] = false, t.NotApplicable
		}
		var m map[string]any
		if err := roundTrip(t, &m); err != nil {
			return err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	val, err := ast.InterfaceToValue(out)
	if err != nil {
		return err
	}
	return iter(ast.NewTerm(val))
}
