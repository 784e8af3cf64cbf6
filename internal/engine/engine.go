// Package engine evaluates the Rego checks against a snapshot: it compiles the built-in and user
// policies once, converts the snapshot to Rego input once, and joins each check's findings with
// its METADATA into results.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/path"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/snapshots"
)

// Options configure an Engine.
type Options struct {
	// PolicyDirs are folders of user Rego added to the built-in checks.
	PolicyDirs []string
	// Only restricts evaluation to these check IDs (all when empty).
	Only []string
	// Now is the time of the check, given to policies as input.check_context.now (HN-SNAP-02
	// measures the snapshot's age from it). Zero means the wall clock at each Check.
	Now time.Time
	// Timeout bounds one evaluation of the built-in policy set (default 2 minutes), a guard
	// against a pathological snapshot; a built-in that runs out is reported as an error result
	// instead of hanging CI.
	Timeout time.Duration
	// PolicyTimeout bounds the evaluation of each user check (default DefaultPolicyTimeout):
	// user checks run one by one, after and apart from the built-ins, so one that loops
	// becomes an error result of its own and every other result stands.
	PolicyTimeout time.Duration
	// PolicyMemory bounds how far the heap may grow while one user check is evaluated
	// (default DefaultPolicyMemory); past it the check is stopped and reported as an error.
	PolicyMemory uint64
}

const (
	// DefaultPolicyTimeout is the time budget of one user check.
	DefaultPolicyTimeout = 10 * time.Second
	// DefaultPolicyMemory is the heap growth one user check may cause: far above what a check
	// over the largest benchmarked estate needs, far below the machine.
	DefaultPolicyMemory = 1 << 30
)

// Engine is a compiled, prepared policy set, reusable across snapshots.
type Engine struct {
	set      *policySet
	checks   []check // every selected check, sorted by ID
	builtin  []check
	user     []check
	compiler *ast.Compiler
	// groups split the built-in checks for parallel evaluation (parallel.go), one prepared
	// query each over the same compiled modules.
	groups  []group
	userQ   []rego.PreparedEvalQuery // one per user check
	timeout time.Duration
	now     time.Time
	sandbox sandbox
	// digestOnce guards the policy digest and user policy folders that reports name (scope.go).
	digestOnce sync.Once
	digest     string
	policyDirs []string
}

// prepare compiles the query over a set of checks against the engine's compiled policies.
// Built-in errors are strict: a built-in that fails (a malformed CIDR, a device the flow
// evaluator cannot read) must surface as an error result, never make a deny rule silently
// undefined and the check pass.
func (e *Engine) prepare(ctx context.Context, checks []check) (rego.PreparedEvalQuery, error) {
	q, err := rego.New(
		rego.Query(checksQuery(checks)),
		rego.Compiler(e.compiler),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return q, fmt.Errorf("preparing policies: %v", oneLine(err))
	}
	return q, nil
}

// New loads and compiles the policies. Every error is one line naming the file and line.
func New(ctx context.Context, opts Options) (*Engine, error) {
	set, err := loadPolicies(opts.PolicyDirs)
	if err != nil {
		return nil, err
	}
	checks, err := selectChecks(set.checks, opts.Only)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(set.modules)
	if err != nil {
		return nil, err
	}
	e := &Engine{set: set, checks: checks, compiler: compiler, timeout: opts.Timeout, now: opts.Now,
		sandbox: sandbox{timeout: opts.PolicyTimeout, memory: opts.PolicyMemory}}
	if e.timeout <= 0 {
		e.timeout = 2 * time.Minute
	}
	if e.sandbox.timeout <= 0 {
		e.sandbox.timeout = DefaultPolicyTimeout
	}
	if e.sandbox.memory == 0 {
		e.sandbox.memory = DefaultPolicyMemory
	}
	for _, c := range checks {
		if c.builtin {
			e.builtin = append(e.builtin, c)
		} else {
			e.user = append(e.user, c)
		}
	}
	if err := e.prepareGroups(ctx, parallelism()); err != nil {
		return nil, err
	}
	for _, c := range e.user {
		q, err := e.prepare(ctx, []check{c})
		if err != nil {
			return nil, err
		}
		e.userQ = append(e.userQ, q)
	}
	return e, nil
}

// KnownIDs is every check ID the loaded policies declare, evaluated by this engine or not
// (--only): a waiver for a check left out of this run is valid, just idle.
func (e *Engine) KnownIDs() map[string]bool {
	ids := make(map[string]bool, len(e.set.checks))
	for _, c := range e.set.checks {
		ids[c.ID] = true
	}
	return ids
}

// Checks lists the metadata of the checks this engine evaluates, sorted by ID.
func (e *Engine) Checks() []result.Check {
	out := make([]result.Check, len(e.checks))
	for i, c := range e.checks {
		out[i] = c.Check
	}
	return out
}

func selectChecks(all []check, only []string) ([]check, error) {
	if len(only) == 0 {
		return all, nil
	}
	byID := map[string]check{}
	for _, c := range all {
		byID[c.ID] = c
	}
	var out []check
	picked := map[string]bool{}
	for _, id := range only {
		id = strings.TrimSpace(id)
		c, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("--only: no check with id %q (see hybridcheck policies)", id)
		}
		if !picked[id] {
			picked[id] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func compile(modules map[string]*ast.Module) (*ast.Compiler, error) {
	c := withBuiltinRefCheck(ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(false).
		WithSchemas(inputSchema()).WithUseTypeCheckAnnotations(true))
	c.Compile(modules)
	if c.Failed() {
		return nil, compileError(c.Errors)
	}
	return c, nil
}

func compileError(errs ast.Errors) error {
	if len(errs) == 0 {
		return errors.New("policy compile failed")
	}
	e := errs[0]
	loc := ""
	if e.Location != nil {
		loc = fmt.Sprintf("%s:%d: ", displayName(e.Location.File), e.Location.Row)
	}
	more := ""
	if len(errs) > 1 {
		more = fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return fmt.Errorf("%s%s%s", loc, e.Message, more)
}

// checksQuery builds one query that evaluates every selected check package at once, so helper
// rules shared through the lib package are computed once per snapshot, not once per check.
// Undefined rules become empty lists (comprehensions), never an undefined query.
func checksQuery(checks []check) string {
	var b strings.Builder
	b.WriteString("results := {")
	for i, c := range checks {
		if i > 0 {
			b.WriteString(", ")
		}
		p := c.path.String()
		// A check that is not applicable yields only that result, so its deny, unknown
		// and checked rules are not evaluated at all.
		fmt.Fprintf(&b, `"%d": {"deny": [x | not %[2]s.not_applicable; some x in %[2]s.deny], "unknown": [x | not %[2]s.not_applicable; some x in %[2]s.unknown], "checked": [x | not %[2]s.not_applicable; some x in %[2]s.checked], "not_applicable": [x | x := %[2]s.not_applicable]}`, i, p)
	}
	b.WriteString("}")
	return b.String()
}

// Check evaluates the policies against a loaded snapshot.
func (e *Engine) Check(ctx context.Context, l *snapshot.Loaded) (*result.Report, error) {
	now := e.checkTime()
	input, err := e.input(l, now)
	if err != nil {
		return nil, err
	}
	defer path.Share(input, typedSnapshot(l, now))()
	results, err := e.evaluate(ctx, input, now)
	if err != nil {
		return nil, err
	}
	result.Sort(results)
	s := l.Snapshot
	rep := &result.Report{
		Scope: e.scope(s),
		Snapshot: result.SnapshotInfo{
			Path: l.Path, SchemaVersion: s.SchemaVersion, ToolVersion: s.ToolVersion, CollectedAt: s.CollectedAt,
		},
		Results: results,
		Summary: result.Summarize(results),
		Checks:  e.Checks(),
	}
	if s.AWS != nil {
		rep.Snapshot.AWSAccountID, rep.Snapshot.AWSRegion = s.AWS.AccountID, s.AWS.Region
	}
	rep.Snapshot.Sources = make([]result.Source, len(s.Sources))
	for i, src := range s.Sources {
		rep.Snapshot.Sources[i] = result.Source{ID: src.ID, Kind: src.Kind, Location: src.Location, Status: string(src.Status), Error: src.Error, Items: src.Items}
	}
	return rep, nil
}

// input is the snapshot's Rego value plus check_context (the time of the check), built once
// for all checks. It shares every value below the top level with the loaded snapshot: Rego
// values are immutable, and a copy of a large estate would double its memory.
func (e *Engine) input(l *snapshot.Loaded, now time.Time) (ast.Value, error) {
	doc, ok := l.Value.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("%s: snapshot is not a JSON object", l.Path)
	}
	withContext := ast.NewObject()
	doc.Foreach(func(k, v *ast.Term) {
		withContext.Insert(k, v)
	})
	// A check_context in the file is replaced, as the schema says.
	withContext.Insert(ast.StringTerm("check_context"),
		ast.ObjectTerm(ast.Item(ast.StringTerm("now"), ast.StringTerm(now.UTC().Format(time.RFC3339)))))
	return withContext, nil
}

// typedSnapshot is the typed form of input for the path built-in (path.Share), with the same
// check_context, so that it does not decode the whole estate a second time from the Rego value.
func typedSnapshot(l *snapshot.Loaded, now time.Time) *snapshot.Snapshot {
	s := *l.Snapshot
	s.CheckContext = &snapshot.CheckContext{Now: now.UTC().Format(time.RFC3339)}
	return &s
}

// evaluate runs the built-in checks, then each user check in its sandbox. A user check can
// neither change a built-in's result (it cannot extend their packages) nor starve them of time.
func (e *Engine) evaluate(ctx context.Context, input ast.Value, now time.Time) ([]result.Result, error) {
	out, err := e.evaluateBuiltin(ctx, input, now)
	if err != nil {
		return nil, err
	}
	user, err := e.sandbox.evaluate(ctx, e.user, e.userQ, input, now)
	if err != nil {
		return nil, err
	}
	return append(out, user...), nil
}

// evalOnce evaluates a prepared query. time.now_ns answers the check time and the random
// built-ins (rand.intn, uuid.rfc4122) draw from a fixed seed, so a report is reproducible
// under --as-of, built-in and user policies alike.
func evalOnce(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value, now time.Time) (map[string]any, error) {
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(now),
		rego.EvalSeed(rand.New(rand.NewSource(pinnedSeed))))
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("policy evaluation returned %d result sets, want 1", len(rs))
	}
	byIndex, ok := rs[0].Bindings["results"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("policy evaluation returned no results")
	}
	return byIndex, nil
}

func isTimeout(err error) bool {
	var te *topdown.Error
	return errors.As(err, &te) && te.Code == topdown.CancelErr
}

// pinnedSeed seeds the random built-ins: any fixed value makes them repeatable.
const pinnedSeed = 20261121

func errorResults(checks []check, msg string) []result.Result {
	out := make([]result.Result, 0, len(checks))
	for _, c := range checks {
		out = append(out, base(c, result.Error, "", "policy evaluation failed: "+msg, nil))
	}
	return out
}

func base(c check, status result.Status, resource, message string, evidence map[string]any) result.Result {
	return result.Result{
		ID: c.ID, Title: c.Title, Severity: c.Severity, Status: status, Resource: resource,
		Message: message, Evidence: evidence, Remediation: c.Remediation, References: c.References,
		Area: c.Area, Source: c.Source,
	}
}

// resultsFor turns one package's deny/unknown/checked/not_applicable into results:
//   - not_applicable (a reason string) wins: one not_applicable result;
//   - each deny entry is a fail ({resource, message, evidence} or a plain message string);
//   - each unknown entry is an unknown result (same shape): the snapshot cannot decide, and
//     the message names what is missing;
//   - each checked resource without a deny or unknown entry is a pass;
//   - no entry at all is one pass for the check as a whole.
func resultsFor(c check, pkg map[string]any) []result.Result {
	if na, _ := pkg["not_applicable"].([]any); len(na) > 0 {
		reason := fmt.Sprint(na[0])
		if s, ok := na[0].(string); ok {
			reason = s
		}
		return []result.Result{base(c, result.NotApplicable, "", reason, nil)}
	}
	var out []result.Result
	decided := map[string]bool{}
	for _, kind := range []struct {
		key    string
		status result.Status
	}{{"deny", result.Fail}, {"unknown", result.Unknown}} {
		entries, _ := pkg[kind.key].([]any)
		for _, d := range entries {
			r := findingResult(c, kind.status, d)
			decided[r.Resource] = true
			out = append(out, r)
		}
	}
	checked, _ := pkg["checked"].([]any)
	for _, x := range checked {
		resource, message := "", "meets the rule"
		switch v := x.(type) {
		case string:
			resource = v
		case map[string]any:
			resource, _ = v["resource"].(string)
			if m, ok := v["message"].(string); ok && m != "" {
				message = m
			}
		}
		if decided[resource] {
			continue
		}
		out = append(out, base(c, result.Pass, resource, message, nil))
	}
	if len(out) == 0 {
		out = append(out, base(c, result.Pass, "", "no violation found", nil))
	}
	return out
}

// findingResult reads one deny or unknown entry: {resource, message, evidence} or a plain
// message string.
func findingResult(c check, status result.Status, d any) result.Result {
	r := base(c, status, "", "", nil)
	switch v := d.(type) {
	case string:
		r.Message = v
	case map[string]any:
		r.Resource, _ = v["resource"].(string)
		r.Message, _ = v["message"].(string)
		if ev, ok := v["evidence"].(map[string]any); ok {
			r.Evidence = ev
		}
	default:
		r.Message = fmt.Sprint(v)
	}
	return r
}

// inputSchema is the snapshot's JSON Schema as the type checker's input schema: a policy,
// built-in or user-written, that reads a field the snapshot does not have (input.aws.vpc
// instead of input.aws.vpcs) fails to compile, naming the file and line, instead of silently
// never matching.
func inputSchema() *ast.SchemaSet {
	var doc any
	if err := json.Unmarshal(snapshots.Schema, &doc); err != nil {
		panic("embedded snapshot schema is not JSON: " + err.Error()) // a build defect, caught by every test
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, doc)
	// The built-in policies name it in their METADATA (schemas: - input: schema.snapshot), as
	// user policies may; opa check finds it under the same name in policies/schemas.
	ss.Put(ast.MustParseRef("schema.snapshot"), doc)
	return ss
}

// Capabilities are OPA's built-ins minus everything that reaches outside the snapshot (network,
// environment), plus hybridcheck's own built-ins. Every policy, built-in or user-written, is
// compiled against them, so a forbidden built-in is a compile error, not a runtime surprise.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if forbiddenBuiltins[b.Name] {
			continue
		}
		kept = append(kept, b)
	}
	// Registered built-ins are already in OPA's list (flow.Register adds them); add any that
	// is not, once.
	for _, b := range customBuiltins {
		if !caps.ContainsBuiltin(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// forbiddenBuiltins reach the network, the process environment or the file system. The JSON
// Schema built-ins resolve a "$ref": "file:///..." by reading that file, so a policy could copy
// any local JSON file (credentials included) into its results; no built-in check needs them.
var forbiddenBuiltins = map[string]bool{
	"http.send":              true,
	"net.lookup_ip_addr":     true,
	"opa.runtime":            true,
	"providers.aws.sign_req": true,
	"json.match_schema":      true,
	"json.verify_schema":     true,
}

// customBuiltins are hybridcheck's own built-ins: the device flow evaluator
// hybridcheck.device_allows, which every on-prem firewall check calls,
// hybridcheck.device_routes, the same routing view for the routing checks,
// hybridcheck.device_nat, the NAT model of the NAT checks, hybridcheck.device_lookup, the
// routing table of the pod route check, and the AWS path
// model (hybridcheck.aws_*), which every AWS-side route, security group and network ACL check
// calls, and the path engine (hybridcheck.path_trace) of the end-to-end HN-PATH checks.
var customBuiltins = append(append(append([]*ast.Builtin{}, flow.Builtins...), awspath.Builtins...), path.Builtins...)

func init() {
	flow.Register()
	awspath.Register()
	path.Register()
}

// checkTime is the time of the check: Options.Now, else the wall clock in whole seconds, as
// input.check_context.now shows it, so time.now_ns() agrees.
func (e *Engine) checkTime() time.Time {
	if e.now.IsZero() {
		return time.Now().Truncate(time.Second)
	}
	return e.now
}

// Query is the built-in checks as one Rego query: the engine evaluates it in groups of checks
// (parallel.go), whose results Raw merges under this query's indexes; benchmarks hand the
// same text to `opa eval`, so the two are compared on the same work.
func (e *Engine) Query() string { return checksQuery(e.builtin) }

// Raw evaluates the checks and returns the `results` binding Query would give as OPA produces
// it (check index -> deny, unknown, checked, not_applicable), before the engine joins
// metadata; benchmarks compare it with `opa eval`'s output of Query.
func (e *Engine) Raw(ctx context.Context, l *snapshot.Loaded) (map[string]any, error) {
	now := e.checkTime()
	input, err := e.input(l, now)
	if err != nil {
		return nil, err
	}
	defer path.Share(input, typedSnapshot(l, now))()
	return e.raw(ctx, input, now)
}
