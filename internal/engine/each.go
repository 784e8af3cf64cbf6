package engine

import (
	"context"
	"fmt"

	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/path"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// EvaluateEach evaluates every selected built-in check alone on the snapshot, as a run with
// --only ID would after converting the input, with the built-ins' caches emptied first (each
// check pays for compiling the device and reading the network, as it would alone), and calls
// measure around each evaluation. Benchmarks time each check this way to find the costliest
// one; the static weights that balance parallel evaluation (weights.go) come from it too.
func (e *Engine) EvaluateEach(ctx context.Context, l *snapshot.Loaded, measure func(id string, eval func() error) error) error {
	now := e.checkTime()
	input, err := e.input(l, now)
	if err != nil {
		return err
	}
	for _, c := range e.builtin {
		q, err := e.prepare(ctx, []check{c})
		if err != nil {
			return err
		}
		flow.ResetEvaluatorCache()
		release := path.Share(input, typedSnapshot(l, now))
		err = measure(c.ID, func() error {
			_, err := evalOnce(ctx, q, input, now)
			return err
		})
		release()
		if err != nil {
			return fmt.Errorf("%s: %v", c.ID, err)
		}
	}
	return nil
}
