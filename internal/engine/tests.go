package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestSummary counts the Rego unit tests of a `policy test` run.
type TestSummary struct {
	Passed, Failed, Errored, Skipped int
}

// TestResult is one Rego unit test's outcome, as the policy test formats render it.
type TestResult struct {
	Package string `json:"package"`
	Name    string `json:"name"`
	// Status is PASS, FAIL, ERROR or SKIPPED (as opa test prints them).
	Status string `json:"status"`
	// Location is FILE:LINE of the test rule.
	Location string `json:"location,omitempty"`
	Error    string `json:"error,omitempty"`
	FailedAt string `json:"failed_at,omitempty"`
	// Output is what the test printed; shown for tests that did not pass.
	Output   string        `json:"output,omitempty"`
	Duration time.Duration `json:"duration_ns"`
}

// TestRun is the outcome of a `policy test` run.
type TestRun struct {
	Summary TestSummary  `json:"summary"`
	Results []TestResult `json:"results"`
}

// RunPolicyTests is `opa test -v` over the built-in and user policies with hybridcheck's
// capabilities and built-ins, so users test their checks with the primitives the checks use.
// filter is a regular expression on test names ("" runs all). The run may grow the heap by
// DefaultPolicyMemory at most. It writes the text format to w.
func RunPolicyTests(ctx context.Context, dirs []string, filter string, verbose bool, w io.Writer) (TestSummary, error) {
	return RunPolicyTestsWithin(ctx, dirs, filter, verbose, DefaultPolicyMemory, w)
}

// RunPolicyTestsWithin is RunPolicyTests with a memory budget (see PolicyTests).
func RunPolicyTestsWithin(ctx context.Context, dirs []string, filter string, verbose bool, memory uint64, w io.Writer) (TestSummary, error) {
	run, err := PolicyTests(ctx, dirs, filter, memory)
	if err != nil {
		return run.Summary, err
	}
	return run.Summary, renderTestText(w, run, verbose)
}

// PolicyTests runs the policy tests with a memory budget: user tests come from the same
// pull requests as user checks, so a test that amplifies memory is stopped and reported as an
// error naming the budget instead of crashing the run. Each test has 30 seconds.
func PolicyTests(ctx context.Context, dirs []string, filter string, memory uint64) (TestRun, error) {
	var run TestRun
	set, err := loadPolicies(dirs)
	if err != nil {
		return run, err
	}
	modules := make(map[string]*ast.Module, len(set.modules)+len(set.tests))
	for k, m := range set.modules {
		modules[k] = m
	}
	for k, m := range set.tests {
		modules[k] = m
	}
	// Compiled as `check` compiles: the snapshot schema types input, and a reference to a
	// data.hybridcheck rule that does not exist is an error.
	compiler := withBuiltinRefCheck(ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true).
		WithSchemas(inputSchema()).WithUseTypeCheckAnnotations(true))
	runner := tester.NewRunner().SetCompiler(compiler).SetStore(inmem.New()).
		CapturePrintOutput(true).SetTimeout(30 * time.Second).SetDefaultRegoVersion(ast.RegoV1)
	if filter != "" {
		runner = runner.Filter(filter)
	}
	sandboxMu.Lock()
	defer sandboxMu.Unlock()
	runtime.GC()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stopWatch := watchMemory(cancel, readMetric(heapLive)+memory)
	defer stopWatch()
	ch, err := runner.Run(ctx, modules)
	if err != nil {
		if compiler.Failed() {
			return run, compileError(compiler.Errors)
		}
		return run, fmt.Errorf("%s", oneLine(err))
	}
	var results []*tester.Result
	for r := range ch {
		results = append(results, r)
	}
	if errors.Is(context.Cause(ctx), errMemory) {
		overBudget := fmt.Errorf("stopped: the tests needed more than %d MiB of memory (--policy-memory)", memory>>20)
		for _, r := range results {
			if r.Error != nil {
				r.Error = overBudget
			}
		}
	}
	sort.SliceStable(results, func(i, j int) bool {
		if results[i].Package != results[j].Package {
			return results[i].Package < results[j].Package
		}
		return results[i].Name < results[j].Name
	})
	for _, r := range results {
		t := testResult(r)
		switch t.Status {
		case "SKIPPED":
			run.Summary.Skipped++
		case "ERROR":
			run.Summary.Errored++
		case "FAIL":
			run.Summary.Failed++
		default:
			run.Summary.Passed++
		}
		run.Results = append(run.Results, t)
	}
	return run, nil
}

// testResult is the outcome of one OPA test in hybridcheck's terms.
func testResult(r *tester.Result) TestResult {
	t := TestResult{Package: r.Package, Name: r.Name, Status: "PASS", Duration: r.Duration}
	switch {
	case r.Skip:
		t.Status = "SKIPPED"
	case r.Error != nil:
		t.Status = "ERROR"
		t.Error = oneLine(r.Error)
	case r.Fail:
		t.Status = "FAIL"
	}
	if r.Location != nil {
		t.Location = fmt.Sprintf("%s:%d", displayName(r.Location.File), r.Location.Row)
	}
	if r.FailedAt != nil {
		t.FailedAt = r.FailedAt.String()
	}
	if len(r.Output) > 0 && t.Status != "PASS" {
		t.Output = strings.TrimSpace(string(r.Output))
	}
	return t
}
