package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

// equivalenceEstates are the scale-10 estates of both shapes grown from both shipped
// references (the broken one so that failures and their evidence are compared too).
func equivalenceEstates(t *testing.T) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"reference-compliant@scale10/cluster": estate(t, 10),
		"reference-broken@scale10/cluster":    estateFrom(t, "reference-broken", 10, synth.ShapeCluster),
		"reference-broken@scale10/account":    estateFrom(t, "reference-broken", 10, synth.ShapeAccount),
	}
}

// Evaluating the built-in checks in groups on several goroutines gives byte-identical reports
// to one query over every check on one goroutine, whatever the number of groups (more groups
// than the machine has cores included), with the built-ins' caches cold or warm.
func TestParallelEvaluationMatchesOneQuery(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	forEachEstate(t, func(t *testing.T, l *snapshot.Loaded) {
		if err := eng.prepareGroups(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
		flow.ResetEvaluatorCache()
		want := reportJSON(t, eng, l)
		for _, n := range []int{2, 3, 7} {
			if err := eng.prepareGroups(context.Background(), n); err != nil {
				t.Fatal(err)
			}
			if len(eng.groups) != n {
				t.Fatalf("%d groups prepared, want %d", len(eng.groups), n)
			}
			flow.ResetEvaluatorCache()
			if got := reportJSON(t, eng, l); !bytes.Equal(got, want) {
				t.Fatalf("%d groups (cold caches) differ from one query:\n%s", n, firstDifference(got, want))
			}
			if got := reportJSON(t, eng, l); !bytes.Equal(got, want) {
				t.Fatalf("%d groups (warm caches) differ from one query:\n%s", n, firstDifference(got, want))
			}
		}
	})
}

// The path engine reading the engine's typed snapshot (path.Share) answers exactly what it
// answers when it decodes the Rego input itself, as under opa eval and in policy tests: the
// raw results of every check, HN-PATH-* included, are byte-identical.
func TestSharedSnapshotMatchesDecodedInput(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	forEachEstate(t, func(t *testing.T, l *snapshot.Loaded) {
		shared, err := eng.Raw(context.Background(), l)
		if err != nil {
			t.Fatal(err)
		}
		input, err := eng.input(l, benchNow)
		if err != nil {
			t.Fatal(err)
		}
		flow.ResetEvaluatorCache()
		decoded, err := eng.raw(context.Background(), input, benchNow)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(shared)
		b, _ := json.Marshal(decoded)
		if !bytes.Equal(a, b) {
			t.Fatalf("shared snapshot and decoded input give different results:\n%s", firstDifference(a, b))
		}
	})
}

// Groups are balanced by weight and cover every check exactly once, in check order.
func TestGroupChecksCoversEveryCheckOnce(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	for _, n := range []int{1, 2, 3, len(eng.builtin), len(eng.builtin) + 5} {
		groups := groupChecks(eng.builtin, n)
		if want := min(n, len(eng.builtin)); len(groups) != want {
			t.Fatalf("n=%d: %d groups, want %d", n, len(groups), want)
		}
		seen := map[int]bool{}
		loads := make([]int, len(groups))
		for gi, g := range groups {
			for j, i := range g {
				if seen[i] {
					t.Fatalf("n=%d: check %d in two groups", n, i)
				}
				if j > 0 && g[j-1] >= i {
					t.Fatalf("n=%d: group %d out of check order: %v", n, gi, g)
				}
				seen[i] = true
				loads[gi] += weightOf(eng.builtin[i].ID)
			}
		}
		if len(seen) != len(eng.builtin) {
			t.Fatalf("n=%d: %d of %d checks grouped", n, len(seen), len(eng.builtin))
		}
		if n == 2 {
			heaviest := 0
			for _, c := range eng.builtin {
				heaviest = max(heaviest, weightOf(c.ID))
			}
			if d := loads[0] - loads[1]; d > heaviest || -d > heaviest {
				t.Fatalf("two groups weigh %v: further apart than the heaviest check (%d)", loads, heaviest)
			}
		}
	}
}

// An interrupted run (the caller's context cancelled) is an error, not a report.
func TestInterruptedEvaluationIsAnError(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.Check(ctx, loadRef(t, "reference-compliant.json")); err == nil || err.Error() != "interrupted" {
		t.Fatalf("error %v, want interrupted", err)
	}
}

// forEachEstate runs test as a subtest on each of equivalenceEstates, loaded.
func forEachEstate(t *testing.T, test func(t *testing.T, l *snapshot.Loaded)) {
	for name, data := range equivalenceEstates(t) {
		t.Run(name, func(t *testing.T) {
			l, err := snapshot.Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			test(t, l)
		})
	}
}
