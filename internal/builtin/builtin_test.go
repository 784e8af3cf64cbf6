package builtin

import (
	"errors"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// A declared built-in hands its answer on and names itself in its errors.
func TestDeclareNamesTheBuiltinInItsErrors(t *testing.T) {
	answer := func(_ topdown.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
		if len(ops) == 0 {
			return nil, errors.New("want an argument")
		}
		return ops[0], nil
	}
	f := Declare("test.echo", "echoes", answer, Param("out", types.A, "the argument"), Param("in", types.A, "anything"))
	if f.Decl.Name != "test.echo" || len(f.Decl.Decl.FuncArgs().Args) != 1 {
		t.Fatalf("declaration %v", f.Decl)
	}
	var got *ast.Term
	if err := f.Eval(topdown.BuiltinContext{}, []*ast.Term{ast.IntNumberTerm(7)}, func(r *ast.Term) error { got = r; return nil }); err != nil || !got.Equal(ast.IntNumberTerm(7)) {
		t.Errorf("answer %v, error %v; want 7", got, err)
	}
	err := f.Eval(topdown.BuiltinContext{}, nil, func(*ast.Term) error { t.Error("iterated on an error"); return nil })
	if err == nil || err.Error() != "test.echo: want an argument" {
		t.Errorf("error %v, want it prefixed with the built-in's name", err)
	}
}

// Shared answers for the very value shared, not an equal copy, until released; a release
// only drops its own entry.
func TestSharedIsKeyedByIdentity(t *testing.T) {
	var s Shared[string]
	v, twin := ast.MustParseTerm(`{"a": 1}`).Value, ast.MustParseTerm(`{"a": 1}`).Value
	first, second := "first", "second"
	releaseFirst := s.Share(v, &first)
	if got := s.Get(v); got != &first {
		t.Fatalf("shared value: got %v", got)
	}
	if got := s.Get(twin); got != nil {
		t.Errorf("an equal copy got %q, want nothing", *got)
	}
	releaseSecond := s.Share(v, &second)
	releaseFirst()
	if got := s.Get(v); got != &second {
		t.Errorf("after the earlier release: got %v, want the later share", got)
	}
	releaseSecond()
	if got := s.Get(v); got != nil {
		t.Errorf("after release: got %q", *got)
	}
	release := s.Share(ast.String("x"), &first)
	defer release()
	if s.Get(ast.String("x")) != nil {
		t.Error("a non-object value was shared")
	}
}
