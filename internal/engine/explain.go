package engine

import (
	"context"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/snapshots"
)

// CheckDetails is Checks with what each check reads filled in (`policies --format json`,
// `explain`).
func (e *Engine) CheckDetails() []result.Check {
	helpers := e.libReads()
	out := e.Checks()
	for i := range out {
		out[i].Reads = e.reads(e.checks[i], helpers)
	}
	return out
}

// reads lists the shared helpers (lib.node_cidrs, lib.device.ipsec_vpn) a check's rules use
// and the snapshot paths (input.aws, input.intent) it reads, directly or through those helpers, from
// the compiled modules, where imports are resolved to full references.
func (e *Engine) reads(c check, helpers map[string]map[string]bool) []string {
	set := map[string]bool{}
	for _, m := range e.compiler.Modules {
		if m.Package.Path.Equal(c.path) {
			collectReads(m, set)
		}
	}
	// Follow the helpers to the snapshot paths they read; list the helpers the check uses
	// itself, not every helper behind them.
	direct := map[string]bool{}
	queue := make([]string, 0, len(set))
	for s := range set {
		direct[s] = true
		queue = append(queue, s)
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		for dep := range helpers[name] {
			if !set[dep] {
				set[dep] = true
				queue = append(queue, dep)
			}
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		if direct[s] || strings.HasPrefix(s, "input.") {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// libReads maps each shared helper (lib.x) to what its rules read.
func (e *Engine) libReads() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, m := range e.compiler.Modules {
		if !strings.HasPrefix(m.Package.Path.String(), "data.hybridcheck.lib") {
			continue
		}
		for _, r := range m.Rules {
			// The compiler gives rule heads their full path (data.hybridcheck.lib.x); a parsed
			// module has the bare name.
			full := r.Ref()
			if head, ok := full[0].Value.(ast.Var); ok && head != ast.DefaultRootDocument.Value {
				full = m.Package.Path.Append(ast.StringTerm(string(head)))
			}
			name := readName(full)
			if name == "" {
				continue
			}
			if out[name] == nil {
				out[name] = map[string]bool{}
			}
			collectReads(r, out[name])
		}
	}
	return out
}

// collectReads adds what a module or rule refers to: input paths, lib helpers, and the keys
// read with object.get(input, "key", default). The compiler moves input into a local first
// (__local1__ = input; object.get(__local1__, "key", ...)), so locals bound to input count as
// input.
func collectReads(x any, set map[string]bool) {
	ast.WalkRefs(x, func(r ast.Ref) bool {
		if s := readName(r); s != "" {
			set[s] = true
		}
		return false
	})
	isInput := func(t *ast.Term, aliases map[ast.Var]bool) bool {
		if ref, ok := t.Value.(ast.Ref); ok && ref.Equal(ast.InputRootRef) {
			return true
		}
		v, ok := t.Value.(ast.Var)
		return ok && aliases[v]
	}
	aliases := map[ast.Var]bool{}
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if (e.IsEquality() || e.IsAssignment()) && len(e.Operands()) == 2 {
			a, b := e.Operand(0), e.Operand(1)
			if v, ok := a.Value.(ast.Var); ok && isInput(b, nil) {
				aliases[v] = true
			}
			if v, ok := b.Value.(ast.Var); ok && isInput(a, nil) {
				aliases[v] = true
			}
		}
		return false
	})
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if e.IsCall() && e.Operator().String() == "object.get" && len(e.Operands()) >= 2 && isInput(e.Operand(0), aliases) {
			if key, ok := e.Operand(1).Value.(ast.String); ok {
				set["input."+string(key)] = true
			}
		}
		return false
	})
}

// readName renders a reference as a reader sees it: input.<a>.<b> (two static keys at most:
// deeper keys are the same data), or lib.<rule> for a shared helper; "" for anything else.
func readName(r ast.Ref) string {
	head := r[0].Value.String()
	var keys []string
	for _, t := range r[1:] {
		s, ok := t.Value.(ast.String)
		if !ok {
			break
		}
		keys = append(keys, string(s))
	}
	switch {
	case head == "input" && len(keys) > 0:
		if keys[0] == "check_context" {
			return "input.check_context.now"
		}
		return "input." + strings.Join(keys[:min(len(keys), 2)], ".")
	case head == "data" && len(keys) >= 3 && keys[0] == "hybridcheck" && keys[1] == "lib":
		lib := keys[2:]
		if lib[0] == "device" || lib[0] == "endpoints" {
			lib = lib[:min(len(lib), 2)]
		} else {
			lib = lib[:1]
		}
		return "lib." + strings.Join(lib, ".")
	}
	return ""
}

// ExampleFailure evaluates one check against the shipped reference estate with defects
// (snapshots/reference-broken.json) and returns its first failing result, if it fails there.
func ExampleFailure(ctx context.Context, opts Options, id string) (*result.Result, error) {
	opts.Only = []string{id}
	e, err := New(ctx, opts)
	if err != nil {
		return nil, err
	}
	l, err := snapshot.Parse("snapshots/reference-broken.json", snapshots.ReferenceBroken)
	if err != nil {
		return nil, err
	}
	rep, err := e.Check(ctx, l)
	if err != nil {
		return nil, err
	}
	for _, x := range rep.Results {
		if x.Status == result.Fail {
			return &x, nil
		}
	}
	return nil, nil
}

// TestFile is the Rego test file of a check, where its failing and passing cases live ("" when
// there is none).
func (e *Engine) TestFile(id string) string {
	for _, c := range e.checks {
		if c.ID != id {
			continue
		}
		name := strings.TrimSuffix(c.file, ".rego") + "_test.rego"
		if _, ok := e.set.tests[name]; ok {
			return displayName(name)
		}
	}
	return ""
}
