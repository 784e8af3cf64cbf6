package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// sandbox evaluates user checks one at a time, each with a time budget and a memory budget.
// A user check that loops, or builds a billion-element array (numbers.range(1, 1e9),
// net.cidr_expand("0.0.0.0/0"), concat over them), becomes one error result naming the
// budget it exceeded; the built-in results, evaluated before, stand.
type sandbox struct {
	timeout time.Duration
	memory  uint64 // bytes of heap growth allowed per check
}

var errMemory = errors.New("policy memory budget exceeded")

// sandboxMu runs sandboxed evaluations one at a time in the process: the budget is measured on
// the whole heap and the soft memory limit is process-wide, so two at once would blur both.
var sandboxMu sync.Mutex

func (s sandbox) evaluate(ctx context.Context, checks []check, queries []rego.PreparedEvalQuery, input ast.Value, now time.Time) ([]result.Result, error) {
	if len(checks) == 0 {
		return nil, nil
	}
	sandboxMu.Lock()
	defer sandboxMu.Unlock()
	// Measure the heap the built-ins and the snapshot leave behind once, after a collection,
	// so each budget counts only what a user check itself allocates.
	runtime.GC()
	base := readMetric(heapLive)
	var out []result.Result
	for i, c := range checks {
		rs, err := s.evaluateOne(ctx, c, queries[i], input, now, base)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

func (s sandbox) evaluateOne(parent context.Context, c check, q rego.PreparedEvalQuery, input ast.Value, now time.Time, base uint64) ([]result.Result, error) {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	timed, stopTimer := context.WithTimeout(ctx, s.timeout)
	defer stopTimer()
	stopWatch := watchMemory(cancel, base+s.memory)
	pkg, err := evalOnce(timed, q, input, now)
	stopWatch()
	switch {
	case err == nil:
		one, _ := pkg["0"].(map[string]any)
		return resultsFor(c, one), nil
	case parent.Err() != nil:
		return nil, fmt.Errorf("interrupted")
	case errors.Is(context.Cause(ctx), errMemory):
		runtime.GC() // give the memory back before the next check
		return errorResults([]check{c}, fmt.Sprintf("evaluation stopped: the check needed more than %d MiB of memory (--policy-memory)", s.memory>>20)), nil
	case isTimeout(err):
		return errorResults([]check{c}, fmt.Sprintf("evaluation stopped after %s (--policy-timeout): the check loops or is too slow", s.timeout)), nil
	}
	return errorResults([]check{c}, oneLine(err)), nil
}

// watchMemory cancels with errMemory when the heap's live data passes limit bytes. It polls
// the runtime's heap counter (no stop-the-world) every few milliseconds; OPA checks for
// cancellation inside its loops and inside numbers.range and net.cidr_expand, so an evaluation
// that allocates fast overshoots by at most a few milliseconds of allocation. Meanwhile a soft
// memory limit (debug.SetMemoryLimit) a quarter above the budget makes the collector free
// garbage before the process grows much past it; it sits above the budget so that the
// collector working hard near the limit cannot keep a runaway just under the trip point
// until the time budget ends it instead.
func watchMemory(cancel context.CancelCauseFunc, limit uint64) (stop func()) {
	previous := debug.SetMemoryLimit(int64(min(limit+limit/4, 1<<62)))
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if readMetric(heapObjects) <= limit {
				continue
			}
			// Garbage counts in the heap until it is swept: collect, then judge live data.
			runtime.GC()
			if readMetric(heapLive) > limit {
				cancel(errMemory)
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetMemoryLimit(previous)
	}
}

const (
	heapObjects = "/memory/classes/heap/objects:bytes" // live and not yet swept
	heapLive    = "/gc/heap/live:bytes"                // live after the last collection
)

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
