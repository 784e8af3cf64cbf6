package flow

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// The engine may evaluate queries in parallel; one cached evaluator then serves them all.
func TestBuiltinConcurrentQueries(t *testing.T) {
	Register()
	dev := pfDevice(r("pass", "tcp", vpc, nodes, on("ipsec"), port(10250, 10250)))
	input := ast.NewObject(ast.Item(ast.StringTerm("device"), ast.NewTerm(deviceValue(t, dev))))
	pq, err := rego.New(rego.Query(`x := hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"], "port": 10250}).allowed`)).
		PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input))
				if err != nil {
					errs <- err
					return
				}
				if rs[0].Bindings["x"] != true {
					errs <- errNotAllowed
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

var errNotAllowed = errors.New("flow not allowed")
