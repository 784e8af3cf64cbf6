// Package builtins declares hybridcheck's own Rego built-ins and registers them with OPA: one
// shape for every built-in, so each package states only its names, types and functions.
package builtins

import (
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

// Declare makes the built-in name(args...) returning result, described for `opa
// capabilities` and editors.
func Declare(name, description string, eval topdown.BuiltinFunc, result *types.NamedType, args ...*types.NamedType) Func {
	in := make([]types.Type, len(args))
	for i, a := range args {
		in[i] = a
	}
	return Func{
		Decl: &ast.Builtin{Name: name, Description: description, Decl: types.NewFunction(types.Args(in...), result)},
		Eval: eval,
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
