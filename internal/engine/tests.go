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

// RunPolicyTests is `opa test -v` over the built-in and user policies with hybridcheck's
// capabilities and built-ins, so users test their checks with the primitives the checks use.
// filter is a regular expression on test names ("" runs all). The run may grow the heap by
// DefaultPolicyMemory at most.
func RunPolicyTests(ctx context.Context, dirs []string, filter string, verbose bool, w io.Writer) (TestSummary, error) {
	return RunPolicyTestsWithin(ctx, dirs, filter, verbose, DefaultPolicyMemory, w)
}

// RunPolicyTestsWithin is RunPolicyTests with a memory budget: user tests come from the same
// pull requests as user checks, so a test that amplifies memory is stopped and reported as an
// error naming the budget instead of crashing the run. Each test has 30 seconds.
func RunPolicyTestsWithin(ctx context.Context, dirs []string, filter string, verbose bool, memory uint64, w io.Writer) (TestSummary, error) {
	var sum TestSummary
	set, err := loadPolicies(dirs)
	if err != nil {
		return sum, err
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
			return sum, compileError(compiler.Errors)
		}
		return sum, fmt.Errorf("%s", oneLine(err))
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
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIPPED"
			sum.Skipped++
		case r.Error != nil:
			status = "ERROR"
			sum.Errored++
		case r.Fail:
			status = "FAIL"
			sum.Failed++
		default:
			sum.Passed++
		}
		if verbose || status == "FAIL" || status == "ERROR" {
			where := ""
			if r.Location != nil {
				where = fmt.Sprintf(" (%s:%d)", displayName(r.Location.File), r.Location.Row)
			}
			fmt.Fprintf(w, "%s.%s: %s%s\n", r.Package, r.Name, status, where)
			if r.Error != nil {
				fmt.Fprintf(w, "  error: %s\n", oneLine(r.Error))
			}
			if r.FailedAt != nil {
				fmt.Fprintf(w, "  failed at: %s\n", r.FailedAt.String())
			}
			if len(r.Output) > 0 && status != "PASS" {
				fmt.Fprintf(w, "  output: %s\n", strings.TrimSpace(string(r.Output)))
			}
		}
	}
	return sum, nil
}
