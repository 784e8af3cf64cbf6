package engine

import (
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/policies"
)

// A policy set is the built-in Rego plus every --policy-dir, parsed with Rego v1 syntax.
// Test files (_test.rego) are kept apart: checking never compiles them, `policy test` does.
type policySet struct {
	modules map[string]*ast.Module // by file name ("builtin:aws/vpc/dns.rego" or a path)
	tests   map[string]*ast.Module
	checks  []check
}

// check is one check package: its metadata and where its rules live.
type check struct {
	result.Check
	path ast.Ref // data.hybridcheck.aws.vpc.dns_support
	file string
	// builtin is false for checks from --policy-dir.
	builtin bool
}

var (
	idPattern     = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)
	builtinPrefix = "builtin:"
)

// loadPolicies reads the embedded policies and each user folder. Errors name the file and line.
func loadPolicies(dirs []string) (*policySet, error) {
	ps := &policySet{modules: map[string]*ast.Module{}, tests: map[string]*ast.Module{}}
	res, err := loader.NewFileLoader().WithFS(policies.FS).WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).Filtered([]string{"."}, regoOnly)
	if err != nil {
		return nil, fmt.Errorf("built-in policies: %v", oneLine(err))
	}
	for name, f := range res.Modules {
		ps.add(builtinPrefix+strings.TrimPrefix(name, "/"), f.Parsed)
	}
	for _, dir := range dirs {
		mods, err := readUserDir(dir)
		if err != nil {
			return nil, err
		}
		for name, m := range mods {
			if err := outsideBuiltinNamespace(name, m); err != nil {
				return nil, err
			}
			if err := noInlineSchemas(name, m); err != nil {
				return nil, err
			}
			ps.add(name, m)
		}
	}
	if err := ps.collectChecks(); err != nil {
		return nil, err
	}
	return ps, nil
}

func regoOnly(abspath string, info fs.FileInfo, depth int) bool {
	return !info.IsDir() && !strings.HasSuffix(info.Name(), ".rego")
}

func (ps *policySet) add(name string, m *ast.Module) {
	if strings.HasSuffix(name, "_test.rego") {
		ps.tests[name] = m
		return
	}
	ps.modules[name] = m
}

// collectChecks finds every package with package-scoped METADATA that declares custom.id, and
// refuses what would make results ambiguous: duplicate IDs, missing fields, a package that
// produces deny results without declaring what it checks.
func (ps *policySet) collectChecks() error {
	// Built-in files first, so a user check that reuses a built-in ID is the one blamed.
	names := sortedKeys(ps.modules)
	sort.SliceStable(names, func(i, j int) bool {
		return strings.HasPrefix(names[i], builtinPrefix) && !strings.HasPrefix(names[j], builtinPrefix)
	})
	seenID := map[string]string{}
	seenPkg := map[string]bool{}
	for _, name := range names {
		m := ps.modules[name]
		ann := packageAnnotation(m)
		pkg := m.Package.Path.String()
		if ann == nil {
			if hasRule(m, "deny") && !seenPkg[pkg] {
				return fmt.Errorf("%s:%d: package %s has deny rules but no package METADATA with custom.id and severity",
					displayName(name), m.Package.Location.Row, strings.TrimPrefix(pkg, "data."))
			}
			continue
		}
		c, err := checkFromAnnotation(name, m, ann)
		if err != nil {
			return err
		}
		if prev, dup := seenID[c.ID]; dup {
			return fmt.Errorf("%s:%d: check id %s is already declared in %s", displayName(name), ann.Location.Row, c.ID, displayName(prev))
		}
		seenID[c.ID] = name
		seenPkg[pkg] = true
		ps.checks = append(ps.checks, c)
	}
	sort.Slice(ps.checks, func(i, j int) bool { return ps.checks[i].ID < ps.checks[j].ID })
	return nil
}

func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			if _, ok := a.Custom["id"]; ok {
				return a
			}
		}
	}
	return nil
}

func hasRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == name || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == name) {
			return true
		}
	}
	return false
}

func checkFromAnnotation(name string, m *ast.Module, a *ast.Annotations) (check, error) {
	where := fmt.Sprintf("%s:%d", displayName(name), a.Location.Row)
	str := func(k string) string {
		v, _ := a.Custom[k].(string)
		return strings.TrimSpace(v)
	}
	c := check{
		path:    m.Package.Path,
		file:    name,
		builtin: strings.HasPrefix(name, builtinPrefix),
	}
	c.ID = str("id")
	c.Severity = str("severity")
	c.Title = strings.TrimSpace(a.Title)
	c.Description = strings.TrimSpace(a.Description)
	c.Remediation = str("remediation")
	c.AppliesWhen = str("applies_when")
	c.Rationale = str("rationale")
	c.Seed = str("seed")
	c.Area = str("area")
	c.Package = strings.TrimPrefix(m.Package.Path.String(), "data.")
	c.Source = "builtin"
	if !c.builtin {
		c.Source = name
	}
	for _, rr := range a.RelatedResources {
		c.References = append(c.References, rr.Ref.String())
	}
	switch {
	case !idPattern.MatchString(c.ID):
		return c, fmt.Errorf("%s: custom.id %q is not an ID like HN-VPC-02 or ACME-SSH-01", where, c.ID)
	case result.SeverityRank(c.Severity) == len(result.Severities):
		return c, fmt.Errorf("%s: %s: custom.severity %q is not one of %s", where, c.ID, c.Severity, strings.Join(result.Severities, ", "))
	case c.Title == "":
		return c, fmt.Errorf("%s: %s: METADATA has no title", where, c.ID)
	}
	if c.Area == "" {
		c.Area = result.AreaOf(c.ID)
	}
	return c, nil
}

func displayName(name string) string {
	if strings.HasPrefix(name, builtinPrefix) {
		return "policies/" + strings.TrimPrefix(name, builtinPrefix)
	}
	return name
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// oneLine folds OPA's multi-error messages ("2 errors occurred:\n...") into one line.
func oneLine(err error) string {
	s := strings.TrimSpace(err.Error())
	s = strings.ReplaceAll(s, "\n", "; ")
	return s
}
