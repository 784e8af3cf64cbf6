package path

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// traceVia asks hybridcheck.path_trace for the kubelet flow of input under ctx.
func traceVia(t *testing.T, ctx context.Context, input ast.Value) string {
	t.Helper()
	Register()
	rs, err := rego.New(rego.Query(`x := hybridcheck.path_trace(input, "kubelet")`), rego.ParsedInput(input)).Eval(ctx)
	if err != nil || len(rs) != 1 {
		t.Fatalf("path_trace: %v", err)
	}
	out, err := json.Marshal(rs[0].Bindings["x"])
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// Given the typed form of its input (WithTypedInput), the built-in builds its network from it,
// and traces exactly what it traces from the Rego value alone; another value is read from itself.
func TestBuiltinUsesTheTypedInputOfItsValueOnly(t *testing.T) {
	l, err := snapshot.Load(repoFile("snapshots", "reference-compliant.json"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	plain := traceVia(t, ctx, l.Value)
	if typed := traceVia(t, WithTypedInput(ctx, l.Value, l.Snapshot), l.Value); typed != plain {
		t.Fatalf("from the typed input:\n%s\nfrom the Rego value:\n%s", typed, plain)
	}
	// A typed snapshot without the device traces otherwise: proof that it is the one read.
	deviceless := *l.Snapshot
	deviceless.Devices = nil
	if traceVia(t, WithTypedInput(ctx, l.Value, &deviceless), l.Value) == plain {
		t.Fatal("the built-in ignored the typed input it was given")
	}
	// An equal value that is not the one the typed form stands for is read from itself.
	var doc any
	if err := json.Unmarshal([]byte(l.Value.String()), &doc); err != nil {
		t.Fatal(err)
	}
	other, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	if traceVia(t, WithTypedInput(ctx, l.Value, &deviceless), other) != plain {
		t.Fatal("the built-in used a typed input given for another value")
	}
}
