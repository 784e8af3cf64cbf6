package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// group is a share of the built-in checks (indexes into Engine.builtin, ascending) and the one
// query that evaluates them together: helper rules shared through the lib package are
// computed once per group.
type group struct {
	checks []int
	query  rego.PreparedEvalQuery
}

// prepareGroups splits the built-in checks into n groups balanced by weight (weights.go) and
// prepares a query for each over the engine's compiled modules.
func (e *Engine) prepareGroups(ctx context.Context, n int) error {
	e.groups = nil
	if len(e.builtin) == 0 {
		return nil
	}
	for _, idx := range groupChecks(e.builtin, n) {
		q, err := e.prepare(ctx, e.checksAt(idx))
		if err != nil {
			return err
		}
		e.groups = append(e.groups, group{checks: idx, query: q})
	}
	return nil
}

func (e *Engine) checksAt(idx []int) []check {
	out := make([]check, len(idx))
	for j, i := range idx {
		out[j] = e.builtin[i]
	}
	return out
}

var errInterrupted = errors.New("interrupted")

// evaluateBuiltin evaluates the groups of built-in checks concurrently and returns their
// results in check order, exactly as one query over every check would. A group whose query
// fails at run time has each of its checks evaluated alone, so that only the failing ones
// become errors; a group that runs out of time reports each of its checks as an error.
func (e *Engine) evaluateBuiltin(ctx context.Context, input ast.Value, now time.Time) ([]result.Result, error) {
	if len(e.builtin) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	byCheck := make([][]result.Result, len(e.builtin))
	errs := make([]error, len(e.groups))
	var wg sync.WaitGroup
	for gi := range e.groups {
		wg.Go(func() { errs[gi] = e.evaluateGroup(ctx, e.groups[gi], input, now, byCheck) })
	}
	wg.Wait()
	// OPA notices a cancellation asynchronously, so a short group may finish after it: an
	// interrupted run is an error however far its groups got.
	if errors.Is(ctx.Err(), context.Canceled) {
		return nil, errInterrupted
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var out []result.Result
	for _, rs := range byCheck {
		out = append(out, rs...)
	}
	return out, nil
}

// evaluateGroup fills byCheck at the group's indexes (each goroutine writes only its own).
func (e *Engine) evaluateGroup(ctx context.Context, g group, input ast.Value, now time.Time, byCheck [][]result.Result) error {
	byIndex, err := evalOnce(ctx, g.query, input, now)
	if err == nil {
		for j, i := range g.checks {
			pkg, _ := byIndex[fmt.Sprint(j)].(map[string]any)
			byCheck[i] = resultsFor(e.builtin[i], pkg)
		}
		return nil
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return errInterrupted
	}
	stopped := fmt.Sprintf("evaluation stopped after %s (a policy loops or is too slow)", e.timeout)
	if isTimeout(err) {
		for _, i := range g.checks {
			byCheck[i] = errorResults([]check{e.builtin[i]}, stopped)
		}
		return nil
	}
	// One package failing at run time must not hide the others: evaluate each check alone
	// and report only the failing ones as errors.
	for _, i := range g.checks {
		c := e.builtin[i]
		q, err := e.prepare(ctx, []check{c})
		if err != nil {
			byCheck[i] = errorResults([]check{c}, err.Error())
			continue
		}
		one, err := evalOnce(ctx, q, input, now)
		if err != nil {
			msg := oneLine(err)
			if isTimeout(err) {
				msg = stopped
			}
			byCheck[i] = errorResults([]check{c}, msg)
			continue
		}
		pkg, _ := one["0"].(map[string]any)
		byCheck[i] = resultsFor(c, pkg)
	}
	return nil
}

// raw evaluates every group and returns their `results` bindings merged under each check's
// index in Engine.builtin, as the single query Engine.Query describes would bind them.
func (e *Engine) raw(ctx context.Context, input ast.Value, now time.Time) (map[string]any, error) {
	out := map[string]any{}
	var mu sync.Mutex
	errs := make([]error, len(e.groups))
	var wg sync.WaitGroup
	for gi := range e.groups {
		wg.Go(func() {
			g := e.groups[gi]
			byIndex, err := evalOnce(ctx, g.query, input, now)
			if err != nil {
				errs[gi] = err
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for j, i := range g.checks {
				out[fmt.Sprint(i)] = byIndex[fmt.Sprint(j)]
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
