// Package builtin declares hybridcheck's own Rego built-ins and registers them with OPA: one
// shape for every built-in, so each package states only its names, types and functions.
package builtin

import (
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// Object is the type of a Rego object keyed by strings (a device, a flow, the snapshot).
// Types are only read once built, so every declaration can share it.
var Object = types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))

// Param is one documented argument or result of a built-in. It is a new value each call,
// since NamedType.Description sets the description in place.
func Param(name string, t types.Type, doc string) *types.NamedType {
	return types.Named(name, t).Description(doc)
}

// Func is one built-in: its declaration for the Rego compiler and the function that
// evaluates it.
type Func struct {
	Decl *ast.Builtin
	Eval topdown.BuiltinFunc
}

// Answer is a built-in's result for its operands. Its errors need not name the built-in:
// Declare prefixes them with the name, so that a policy author sees which call failed.
type Answer func(bctx topdown.BuiltinContext, operands []*ast.Term) (*ast.Term, error)

// Declare makes the built-in name(args...) returning result, described for `opa
// capabilities` and editors, and answered by answer.
func Declare(name, description string, answer Answer, result *types.NamedType, args ...*types.NamedType) Func {
	in := make([]types.Type, len(args))
	for i, a := range args {
		in[i] = a
	}
	return Func{
		Decl: &ast.Builtin{Name: name, Description: description, Decl: types.NewFunction(types.Args(in...), result)},
		Eval: func(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
			t, err := answer(bctx, operands)
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			return iter(t)
		},
	}
}

// Set is one package's built-ins.
type Set struct {
	funcs []Func
	once  sync.Once
}

// NewSet gathers a package's built-ins.
func NewSet(funcs ...Func) *Set { return &Set{funcs: funcs} }

// Decls are the declarations of the set, for the engine's capabilities.
func (s *Set) Decls() []*ast.Builtin {
	out := make([]*ast.Builtin, len(s.funcs))
	for i, f := range s.funcs {
		out[i] = f.Decl
	}
	return out
}

// Register makes every built-in of the set known to the compiler (so rego.New, opa check with
// the capabilities and the policy tester accept it) and to the evaluator. Calling it again is
// harmless.
func (s *Set) Register() {
	s.once.Do(func() {
		for _, f := range s.funcs {
			ast.RegisterBuiltin(f.Decl)
			topdown.RegisterBuiltinFunc(f.Decl.Name, f.Eval)
		}
	})
}

// Shared holds the typed form a caller already has of a Rego value it passes to a built-in
// (the loaded snapshot, one of its devices), so that the built-in reads that form instead of
// decoding the value again. Entries are keyed by the value's identity: only that very value
// (the one policies read from input) is answered from it, so two inputs never share one.
type Shared[T any] struct {
	mu      sync.Mutex
	byValue map[ast.Value]*T
}

// Share records that the Rego value v was converted from t, until release is called. Only an
// object is recorded: every object value is a pointer, so its identity is the value's.
func (s *Shared[T]) Share(v ast.Value, t *T) (release func()) {
	if _, ok := v.(ast.Object); !ok || t == nil {
		return func() {}
	}
	s.mu.Lock()
	if s.byValue == nil {
		s.byValue = map[ast.Value]*T{}
	}
	s.byValue[v] = t
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		if s.byValue[v] == t {
			delete(s.byValue, v)
		}
		s.mu.Unlock()
	}
}

// Get is what was shared for the very value v, or nil.
func (s *Shared[T]) Get(v ast.Value) *T {
	if _, ok := v.(ast.Object); !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byValue[v]
}
