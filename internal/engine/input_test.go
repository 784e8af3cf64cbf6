package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Policies see the check's own time as input.check_context.now: a check_context written in
// the snapshot file is replaced, and the rest of the input is the snapshot as loaded.
func TestInputCarriesTheCheckTimeNotTheFiles(t *testing.T) {
	dir := writePolicy(t, "ctx.rego", userCheck("check time and VPCs as policies see them", "ACME-CTX-01", "low", "acme.check_context", `checked contains "ctx"

deny contains {"resource": "ctx", "message": sprintf("%s %d", [input.check_context.now, count(input.aws.vpcs)])}
`))
	now := time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC)
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"ACME-CTX-01"}, Now: now})
	l := loadRef(t, "reference-compliant.json")
	l.Snapshot.CheckContext = &snapshot.CheckContext{Now: "2000-01-01T00:00:00Z"}
	l = fixture.Parse(t, "with-context.json", l.Snapshot)
	rep, err := e.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("2026-11-21T08:30:00Z %d", len(l.Snapshot.AWS.VPCs))
	if len(rep.Results) != 1 || rep.Results[0].Status != result.Fail || rep.Results[0].Message != want {
		t.Fatalf("got %+v, want one failure saying %q", rep.Results, want)
	}
}
