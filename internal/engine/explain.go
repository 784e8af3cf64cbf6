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
	out := e.Checks()
	for i := range out {
		out[i].Reads = e.reads(e.checks[i])
	}
	return out
}

// reads lists the snapshot paths (input.aws.vpcs) and the shared helpers
// (lib.node_cidrs, lib.device.ipsec_vpn) the rules of a check's package refer to, from the
// compiled modules, where imports are resolved to full references.
func (e *Engine) reads(c check) []string {
	set := map[string]bool{}
	for _, m := range e.compiler.Modules {
		if !m.Package.Path.Equal(c.path) {
			continue
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if s := readName(r); s != "" {
				set[s] = true
			}
			return false
		})
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
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
