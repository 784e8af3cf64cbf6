package testkit

import "testing"

// Must is v, or a fatal failure of the test when err is set: one line for each step a test
// needs to succeed before it can check anything, as in
//
//	ev := testkit.Must(flow.NewEvaluator(dev))(t)
//	res := testkit.Must(ev.Evaluate(f))(t)
//
// It imports no package under test, so those packages' own tests can use it too.
func Must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
