package waiver

import (
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

var known = map[string]bool{"HN-SG-05": true, "HN-VPC-10": true}

func report() *result.Report {
	return &result.Report{Results: []result.Result{
		{ID: "HN-SG-05", Status: result.Fail, Resource: "sg-0a1b2c"},
		{ID: "HN-SG-05", Status: result.Fail, Resource: "sg-9999"},
		{ID: "HN-VPC-10", Status: result.Pass, Resource: "eipalloc-1"},
	}}
}

func TestApplyWaivesMatchingFailuresOnly(t *testing.T) {
	ws, err := Parse("w.yaml", []byte(`waivers:
  - id: HN-SG-05
    resource: "sg-0a1b*"
    justification: jump host migration
    approved_by: jane@example.com
    expires: 2027-01-31
  - id: HN-VPC-10
    justification: spare EIP for failover
    approved_by: ops
    expires: 2027-01-31
`), known)
	if err != nil {
		t.Fatal(err)
	}
	rep := report()
	*rep, _ = Apply(*rep, ws, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if r := rep.Results[0]; r.Status != result.Waived || r.Waiver == nil || r.Waiver.Justification != "jump host migration" {
		t.Fatalf("first result not waived: %+v", r)
	}
	if rep.Results[1].Status != result.Fail {
		t.Fatal("a waiver waived a resource its glob does not match")
	}
	if rep.Results[2].Status != result.Pass {
		t.Fatal("a pass must never become waived")
	}
	if rep.Summary.Waived != 1 || rep.Summary.Fail != 1 {
		t.Fatalf("summary not recomputed: %+v", rep.Summary)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "matches no failing result") || !strings.Contains(rep.Notes[0], "HN-VPC-10") {
		t.Fatalf("unused waiver not reported: %v", rep.Notes)
	}
}

func TestExpiredWaiverStopsWaivingAndIsReported(t *testing.T) {
	ws, err := Parse("w.yaml", []byte("waivers:\n- {id: HN-SG-05, justification: j, approved_by: a, expires: 2026-11-30}\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	rep := report()
	*rep, _ = Apply(*rep, ws, time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC))
	if rep.Results[0].Status != result.Waived {
		t.Fatal("a waiver must apply through its expiry day")
	}
	rep = report()
	*rep, _ = Apply(*rep, ws, time.Date(2026, 12, 1, 0, 0, 1, 0, time.UTC))
	if rep.Results[0].Status != result.Fail || rep.Results[1].Status != result.Fail {
		t.Fatal("an expired waiver still waives")
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "expired on 2026-11-30") {
		t.Fatalf("expired waiver not reported: %v", rep.Notes)
	}
}

func TestBadWaiverFiles(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"empty":         {"", "empty"},
		"not yaml":      {"waivers: [", "w.yaml:"},
		"unknown field": {"waivers:\n- {id: HN-SG-05, justification: j, approved_by: a, expires: 2027-01-01, owner: x}\n", "line 2: field owner is not a waiver field"},
		"unknown id":    {"waivers:\n- {id: HN-XX-99, justification: j, approved_by: a, expires: 2027-01-01}\n", "no check has this id"},
		"no approver":   {"waivers:\n- {id: HN-SG-05, justification: j, expires: 2027-01-01}\n", "approved_by"},
		"bad date":      {"waivers:\n- {id: HN-SG-05, justification: j, approved_by: a, expires: 2027-13-01}\n", "not a date"},
		"bad glob":      {"waivers:\n- {id: HN-SG-05, resource: '[', justification: j, approved_by: a, expires: 2027-01-01}\n", "not a valid glob"},
		"no list":       {"something: else\n", "w.yaml:"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("w.yaml", []byte(c.src), known)
			if err == nil || !strings.HasPrefix(err.Error(), "w.yaml:") || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want one line naming w.yaml and %q", err, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("waivers:\n- {id: HN-SG-05, justification: j, approved_by: a, expires: 2027-01-01}\n"))
	f.Add([]byte("waivers: [{}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := Parse("fuzz.yaml", data, nil)
		if err == nil {
			Apply(*report(), ws, time.Now())
		}
	})
}

// The notes of one report do not depend on which reports the waivers were applied to before:
// Apply keeps no state in the waivers.
func TestApplyIsIndependentOfCallOrder(t *testing.T) {
	ws, err := Parse("w.yaml", []byte("waivers:\n- {id: HN-SG-05, resource: sg-0a1b2c, justification: j, approved_by: a, expires: 2027-01-31}\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	matching := report()
	other := &result.Report{Results: []result.Result{{ID: "HN-SG-05", Status: result.Fail, Resource: "sg-other"}}}

	m1, mo1 := Apply(*matching, ws, now)
	o1, oo1 := Apply(*other, ws, now)
	o2, oo2 := Apply(*other, ws, now)
	m2, mo2 := Apply(*matching, ws, now)

	if strings.Join(m1.Notes, "|") != strings.Join(m2.Notes, "|") || strings.Join(o1.Notes, "|") != strings.Join(o2.Notes, "|") {
		t.Fatalf("notes depend on call order: %v / %v, %v / %v", m1.Notes, m2.Notes, o1.Notes, o2.Notes)
	}
	if len(m1.Notes) != 0 || !mo1.Used[0] || !mo2.Used[0] {
		t.Fatalf("the matching report must use the waiver and have no note: %v %v", m1.Notes, mo1.Used)
	}
	if len(o1.Notes) != 1 || !strings.Contains(o1.Notes[0], "matches no failing result") || oo1.Used[0] || oo2.Used[0] {
		t.Fatalf("the other report must report the waiver unused: %v %v", o1.Notes, oo1.Used)
	}
	if matching.Results[0].Status != result.Fail || matching.Notes != nil {
		t.Fatal("Apply changed its input report")
	}
}
