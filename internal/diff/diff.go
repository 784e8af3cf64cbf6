// Package diff compares two checked snapshots: which failures are new, resolved or unchanged,
// and which resources (rules, routes, tunnels, phase 2s) changed between them.
package diff

import (
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Absent is the status of a check and resource that one of the two reports does not have.
const Absent result.Status = "absent"

// Diff is the comparison of two check reports and of the snapshots they were made from.
type Diff struct {
	Old     Side    `json:"old"`
	New     Side    `json:"new"`
	Summary Summary `json:"summary"`
	// NewFailures fail (or error) in the new report and did not in the old.
	NewFailures []Finding `json:"new_failures"`
	// Resolved failed in the old report and no longer do (passing, waived, not applicable, gone).
	Resolved []Finding `json:"resolved"`
	// Unchanged fail in both.
	Unchanged []Finding `json:"unchanged"`
	// Undecided moved to or from unknown (the snapshot could not decide) without being a new
	// or resolved failure: pass -> unknown, unknown -> pass, fail -> unknown and the like.
	Undecided []Finding `json:"undecided"`
	// Changes are the resource changes between the two snapshots.
	Changes []Change `json:"changes"`
}

// Side is the provenance of one of the two snapshots and the outcome of checking it.
type Side struct {
	Path        string         `json:"path"`
	CollectedAt string         `json:"collected_at"`
	ToolVersion string         `json:"tool_version"`
	Summary     result.Summary `json:"summary"`
}

// Summary counts the diff's lists.
type Summary struct {
	New       int `json:"new_failures"`
	Resolved  int `json:"resolved"`
	Unchanged int `json:"unchanged"`
	Undecided int `json:"undecided"`
	Changes   int `json:"changes"`
}

// Finding is one check and resource with its status on both sides.
type Finding struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Severity  string        `json:"severity"`
	Area      string        `json:"area,omitempty"`
	Resource  string        `json:"resource"`
	OldStatus result.Status `json:"old_status"`
	NewStatus result.Status `json:"new_status"`
	// Message is the failure's message: the new report's, or for a resolved finding the old
	// report's (what was fixed).
	Message string `json:"message"`
	// OldMessage is set on an unchanged failure whose wording differs, so a reviewer sees what
	// changed.
	OldMessage string         `json:"old_message,omitempty"`
	Evidence   map[string]any `json:"evidence,omitempty"`
}

// Compare matches the results of two reports by check ID and resource, never by message, whose
// wording carries counts and addresses that change without the finding changing. The
// snapshots may be nil, in which case no resource changes are listed.
func Compare(oldRep, newRep *result.Report, oldSnap, newSnap *snapshot.Snapshot) *Diff {
	d := &Diff{
		Old:         side(oldRep),
		New:         side(newRep),
		NewFailures: []Finding{},
		Resolved:    []Finding{},
		Unchanged:   []Finding{},
		Undecided:   []Finding{},
	}
	oldBy, newBy := byKey(oldRep.Results), byKey(newRep.Results)
	for _, k := range bothKeys(oldBy, newBy) {
		o, hasOld := oldBy[k]
		n, hasNew := newBy[k]
		oldFailing, newFailing := hasOld && o.IsFailing(), hasNew && n.IsFailing()
		oldUnknown, newUnknown := hasOld && o.Status == result.Unknown, hasNew && n.Status == result.Unknown
		undecided := oldUnknown != newUnknown && !newFailing
		if !oldFailing && !newFailing && !undecided {
			continue
		}
		f := Finding{ID: k.id, Resource: k.resource, OldStatus: Absent, NewStatus: Absent}
		if hasOld {
			f.OldStatus = o.Status
			f.ID, f.Title, f.Severity, f.Area, f.Message, f.Evidence = o.ID, o.Title, o.Severity, o.Area, o.Message, o.Evidence
		}
		if hasNew {
			f.NewStatus = n.Status
			f.ID, f.Title, f.Severity, f.Area = n.ID, n.Title, n.Severity, n.Area
			// A resolved finding keeps the old failure's message and evidence: what was fixed.
			if newFailing || newUnknown {
				f.Message, f.Evidence = n.Message, n.Evidence
			}
			if oldFailing && newFailing && o.Message != n.Message {
				f.OldMessage = o.Message
			}
		}
		switch {
		case undecided:
			d.Undecided = append(d.Undecided, f)
		case newFailing && oldFailing:
			d.Unchanged = append(d.Unchanged, f)
		case newFailing:
			d.NewFailures = append(d.NewFailures, f)
		default:
			d.Resolved = append(d.Resolved, f)
		}
	}
	for _, list := range [][]Finding{d.NewFailures, d.Resolved, d.Unchanged, d.Undecided} {
		sortFindings(list)
	}
	d.Changes = []Change{}
	if oldSnap != nil && newSnap != nil {
		d.Changes = ResourceChanges(oldSnap, newSnap)
	}
	d.Summary = Summary{New: len(d.NewFailures), Resolved: len(d.Resolved), Unchanged: len(d.Unchanged), Undecided: len(d.Undecided), Changes: len(d.Changes)}
	return d
}

// Failing reports whether a new failure is at or above the severity threshold: a pull request
// is judged on what it breaks, not on what was already broken.
func (d *Diff) Failing(threshold string) bool {
	return d.FailingWith(threshold, false)
}

// FailingWith is Failing where, with unknownFails, a result that became unknown at or above
// the threshold fails too (diff --fail-on-unknown).
func (d *Diff) FailingWith(threshold string, unknownFails bool) bool {
	for _, f := range d.NewFailures {
		if result.AtLeast(f.Severity, threshold) {
			return true
		}
	}
	if unknownFails {
		for _, f := range d.Undecided {
			if f.NewStatus == result.Unknown && result.AtLeast(f.Severity, threshold) {
				return true
			}
		}
	}
	return false
}

func side(r *result.Report) Side {
	return Side{Path: r.Snapshot.Path, CollectedAt: r.Snapshot.CollectedAt, ToolVersion: r.Snapshot.ToolVersion, Summary: r.Summary}
}

type key struct{ id, resource string }

// byKey keeps one result per check and resource. A policy may report several messages for one
// resource; the worst status stands for the pair, and among equals the first in result order,
// so the choice does not depend on the engine's output order.
func byKey(rs []result.Result) map[key]result.Result {
	sorted := append([]result.Result(nil), rs...)
	result.Sort(sorted)
	out := make(map[key]result.Result, len(sorted))
	for _, r := range sorted {
		k := key{r.ID, r.Resource}
		if prev, ok := out[k]; ok && result.StatusRank(prev.Status) <= result.StatusRank(r.Status) {
			continue
		}
		out[k] = r
	}
	return out
}

// sortFindings orders by severity, then check ID and resource as result.Sort does.
func sortFindings(fs []Finding) {
	rs := make([]result.Result, len(fs))
	index := make(map[key]Finding, len(fs))
	for i, f := range fs {
		rs[i] = result.Result{ID: f.ID, Resource: f.Resource}
		index[key{f.ID, f.Resource}] = f
	}
	result.Sort(rs)
	for i, r := range rs {
		fs[i] = index[key{r.ID, r.Resource}]
	}
	sort.SliceStable(fs, func(i, j int) bool {
		return result.SeverityRank(fs[i].Severity) < result.SeverityRank(fs[j].Severity)
	})
}
