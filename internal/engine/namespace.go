package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// builtinRoot is the package tree of the built-in policies: data.hybridcheck. User policies
// may read it (import data.hybridcheck.lib) but never declare or extend a package in it: a
// user file in a built-in check's package could add not_applicable or deny and switch the
// check off, and one in hybridcheck.lib could redefine a helper every check trusts. Rule heads
// cannot leave their package (OPA refuses a head that shadows data), so the package decides.
var builtinRoot = ast.MustParseRef("data.hybridcheck")

// outsideBuiltinNamespace refuses a user module whose package is in the built-in tree,
// test packages included.
func outsideBuiltinNamespace(name string, m *ast.Module) error {
	pkg := m.Package.Path
	if !pkg.HasPrefix(builtinRoot) {
		return nil
	}
	row := 0
	if m.Package.Location != nil {
		row = m.Package.Location.Row
	}
	return fmt.Errorf("%s:%d: package %s is in the built-in namespace hybridcheck, which user policies may read but not extend; use a package of your own (such as acme.%s)",
		name, row, strings.TrimPrefix(pkg.String(), "data."), pkg[len(pkg)-1].Value.(ast.String))
}

// checkBuiltinRefsStage is a compiler stage (after the rule tree is built, imports resolved):
// every reference a user module makes into data.hybridcheck must name a rule or package that
// exists, so a misspelled helper (lib.hybrid_sg for lib.hybrid_sgs) is a compile error with
// file and line instead of an undefined value that silently passes.
func checkBuiltinRefsStage(c *ast.Compiler) *ast.Error {
	for _, name := range sortedKeys(c.Modules) {
		if strings.HasPrefix(name, builtinPrefix) {
			continue
		}
		var found *ast.Error
		ast.WalkTerms(c.Modules[name], func(t *ast.Term) bool {
			r, ok := t.Value.(ast.Ref)
			if !ok || found != nil || !r.HasPrefix(builtinRoot) {
				return found != nil
			}
			if n := missingFrom(c.RuleTree, r); n > 0 {
				found = ast.NewError(ast.CompileErr, t.Location,
					"%s does not exist: no built-in rule or package of that name (see policies/lib)", r[:n].String())
			}
			return found != nil
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// missingFrom walks the rule tree along the ground prefix of r and returns the length of the
// shortest prefix that names nothing, or 0 when r reaches a rule (what follows indexes the
// rule's value), a variable, or its end.
func missingFrom(tree *ast.TreeNode, r ast.Ref) int {
	node := tree
	for i, t := range r {
		if i > 0 && !t.IsGround() {
			return 0
		}
		next := node.Child(t.Value)
		if next == nil {
			return i + 1
		}
		if len(next.Values) > 0 {
			return 0
		}
		node = next
	}
	return 0
}

// withBuiltinRefCheck adds checkBuiltinRefsStage to a compiler, right after the rule tree is
// built, while references still carry the location the user wrote them at.
func withBuiltinRefCheck(c *ast.Compiler) *ast.Compiler {
	return c.WithStageAfterID(ast.StageSetRuleTree, ast.CompilerStageDefinition{
		Name: "CheckBuiltinRefs", MetricName: "check_builtin_refs", Stage: checkBuiltinRefsStage,
	})
}

// noInlineSchemas refuses a user METADATA block that defines a JSON Schema inline
// (schemas: - input: {...}). OPA compiles such a schema at load time and follows its "$ref"s,
// reading any file named (file:///dev/zero, a FIFO, a credentials file) before a single check
// runs. User policies name the snapshot's schema instead: - input: schema.snapshot.
func noInlineSchemas(name string, m *ast.Module) error {
	for _, a := range m.Annotations {
		for _, sa := range a.Schemas {
			if sa.Definition == nil {
				continue
			}
			row := 0
			if a.Location != nil {
				row = a.Location.Row
			}
			return fmt.Errorf("%s:%d: METADATA schemas: a user policy may not define a schema inline (its $ref could load files); use - input: schema.snapshot", name, row)
		}
	}
	return nil
}
