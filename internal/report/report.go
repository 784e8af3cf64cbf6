// Package report renders a check's results in the formats auditors and CI systems read: one
// file per format behind the Renderer interface.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/hybridcheck/hybridcheck/internal/format"
	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Options are what a renderer may vary on.
type Options struct {
	// Color enables ANSI colour (text only; callers turn it off when not a terminal or with NO_COLOR).
	Color bool
	// Quiet prints only the failures and the summary line (text only: check --quiet).
	Quiet bool
}

// Renderer writes one report format.
type Renderer interface {
	Render(w io.Writer, r *result.Report, opts Options) error
}

// Registry is the check report's output formats, in the order --help shows them.
var Registry = format.New[Renderer]("the check report").
	Add("text", Text{}).
	Add("json", JSON{}).
	Add("sarif", SARIF{}).
	Add("junit", JUnit{}).
	Add("markdown", Markdown{}).
	Add("html", HTML{}).
	Add("asff", ASFF{}).
	Add("ocsf", OCSF{})

// Formats lists the registry's format names.
var Formats = Registry.Names()

// Get returns the renderer for a format name.
func Get(name string) (Renderer, error) { return Registry.Get(name) }

func areaLess(a, b string) bool {
	ra, rb := result.AreaRank(a), result.AreaRank(b)
	if ra != rb {
		return ra < rb
	}
	return a < b
}

// areaGroup is the results of one area, in display order.
type areaGroup struct {
	Area    string
	Title   string
	Results []result.Result
	Summary result.Summary
}

// groupByArea splits results by area (catalog order) with failing results first in each group,
// then by severity, then by check ID and resource.
func groupByArea(rs []result.Result) []areaGroup {
	byArea := map[string][]result.Result{}
	for _, r := range rs {
		byArea[r.Area] = append(byArea[r.Area], r)
	}
	keys := make([]string, 0, len(byArea))
	for k := range byArea {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return areaLess(keys[i], keys[j]) })
	groups := make([]areaGroup, 0, len(keys))
	for _, k := range keys {
		list := sortedForDisplay(byArea[k])
		groups = append(groups, areaGroup{Area: k, Title: result.AreaTitle(k), Results: list, Summary: result.Summarize(list)})
	}
	return groups
}

// sortedForDisplay returns a copy ordered by status (errors and failures first), failing
// results by severity, then the deterministic result order (check ID, resource).
func sortedForDisplay(rs []result.Result) []result.Result {
	out := append([]result.Result(nil), rs...)
	result.Sort(out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if sa, sb := result.StatusRank(a.Status), result.StatusRank(b.Status); sa != sb {
			return sa < sb
		}
		return a.IsFailing() && result.SeverityRank(a.Severity) < result.SeverityRank(b.Severity)
	})
	return out
}

// failing reports whether a result needs fixing: a failure, or a check that could not run.
// failures returns the failing results in display order.
func failures(rs []result.Result) []result.Result {
	var out []result.Result
	for _, r := range sortedForDisplay(rs) {
		if r.IsFailing() {
			out = append(out, r)
		}
	}
	return out
}

// evidenceLine is one evidence item as text.
type evidenceLine struct {
	Key, Value string
}

// evidenceLines renders evidence as sorted key/value lines: strings as they are, everything
// else as compact JSON (whose object keys encoding/json sorts), so output is deterministic.
func evidenceLines(ev map[string]any) []evidenceLine {
	keys := make([]string, 0, len(ev))
	for k := range ev {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]evidenceLine, 0, len(keys))
	for _, k := range keys {
		out = append(out, evidenceLine{Key: k, Value: evidenceValue(ev[k])})
	}
	return out
}

// evidenceBesideLocations is the evidence without its top-level location entries, which a
// format already shows as file and line; nested ones stay inside the value they describe.
func evidenceBesideLocations(ev map[string]any) []evidenceLine {
	var out []evidenceLine
	for _, l := range evidenceLines(ev) {
		if l.Key == "location" || l.Key == "locations" {
			if len(evidenceLocations(map[string]any{l.Key: ev[l.Key]})) > 0 {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// evidenceKeysBesideLocations is evidenceBesideLocations' keys, for formats that render
// values themselves.
func evidenceKeysBesideLocations(ev map[string]any) []string {
	lines := evidenceBesideLocations(ev)
	keys := make([]string, len(lines))
	for i, l := range lines {
		keys[i] = l.Key
	}
	return keys
}

func evidenceValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := compactJSON(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return b
}

// sourceLocation is a place in an input file that a result's evidence cites: a line, or a
// structural path ("filter/rule[18]") where the importer knows no line.
type sourceLocation struct {
	File string
	Line int
	Path string
}

func (l sourceLocation) String() string {
	switch {
	case l.Line > 0:
		return l.File + ":" + strconv.Itoa(l.Line)
	case l.Path != "":
		return l.File + " " + l.Path
	}
	return l.File
}

// evidenceLocations returns the file locations a result's evidence carries: any "location"
// object {file, line} (or "locations" list of them) at any depth, as the policies copy them from
// the snapshot's device rules, phase 1s and routes. Keys are walked in sorted order so the
// result is deterministic; duplicates and entries without a file are dropped, and at most
// maxLocations are kept (code scanning shows the first, and a rule list may be long).
func evidenceLocations(ev map[string]any) []sourceLocation {
	var out []sourceLocation
	seen := map[sourceLocation]bool{}
	add := func(v any) bool {
		loc, ok := asLocation(v)
		if ok && !seen[loc] && len(out) < maxLocations {
			seen[loc] = true
			out = append(out, loc)
		}
		return ok
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if k == "location" && add(x[k]) {
					continue
				}
				if list, ok := x[k].([]any); ok && k == "locations" {
					for _, item := range list {
						add(item)
					}
					continue
				}
				walk(x[k])
			}
		case []any:
			for _, item := range x {
				walk(item)
			}
		}
	}
	walk(ev)
	return out
}

// maxLocations bounds the locations taken from one result's evidence.
const maxLocations = 10

func asLocation(v any) (sourceLocation, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return sourceLocation{}, false
	}
	file, _ := m["file"].(string)
	if file == "" {
		return sourceLocation{}, false
	}
	path, _ := m["path"].(string)
	return sourceLocation{File: file, Line: asInt(m["line"]), Path: path}, true
}

// asInt accepts the number types evidence arrives in: float64 from encoding/json, json.Number
// from the engine's decoder, ints from Go tests.
func asInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		i, err := n.Int64()
		if err != nil {
			return 0
		}
		return int(i)
	}
	return 0
}

// statusLabel is how a status reads in human formats.
func statusLabel(s result.Status) string {
	switch s {
	case result.Pass:
		return "pass"
	case result.Fail:
		return "FAIL"
	case result.Error:
		return "ERROR"
	case result.Waived:
		return "waived"
	case result.NotApplicable:
		return "n/a"
	case result.Unknown:
		return "UNKNOWN"
	}
	return string(s)
}

// summaryText is the one-line count of a summary that the human formats print.
func summaryText(s result.Summary) string {
	return fmt.Sprintf("%d failed, %d unknown, %d passed, %d not applicable, %d waived, %d errors", s.Fail, s.Unknown, s.Pass, s.NotApplicable, s.Waived, s.Error)
}

// withStatus returns the results of one status (the unknown ones, the waived ones), in display
// order.
func withStatus(rs []result.Result, status result.Status) []result.Result {
	var out []result.Result
	for _, r := range sortedForDisplay(rs) {
		if r.Status == status {
			out = append(out, r)
		}
	}
	return out
}

// checkRow is one catalog check with the outcome of all its results, for summaries and the
// HTML matrix.
type checkRow struct {
	Check   result.Check
	Status  result.Status // the worst status of its results; "not_run" when it produced none
	Summary result.Summary
}

// notRun marks a catalog check that produced no result (excluded with --only).
const notRun result.Status = "not_run"

// checkRows joins the catalog with the results; checks that only appear in results (a user
// policy without catalog metadata) are listed from the result's own fields.
func checkRows(r *result.Report) []checkRow {
	byID := map[string][]result.Result{}
	for _, x := range r.Results {
		byID[x.ID] = append(byID[x.ID], x)
	}
	seen := map[string]bool{}
	var rows []checkRow
	for _, c := range r.Checks {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		rows = append(rows, newCheckRow(c, byID[c.ID]))
	}
	for _, x := range r.Results {
		if seen[x.ID] {
			continue
		}
		seen[x.ID] = true
		c := result.Check{ID: x.ID, Title: x.Title, Severity: x.Severity, Area: x.Area, Remediation: x.Remediation, References: x.References, Source: x.Source}
		rows = append(rows, newCheckRow(c, byID[x.ID]))
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Check, rows[j].Check
		if a.Area != b.Area {
			return areaLess(a.Area, b.Area)
		}
		return checkIDLess(a.ID, b.ID)
	})
	return rows
}

func newCheckRow(c result.Check, rs []result.Result) checkRow {
	row := checkRow{Check: c, Status: notRun, Summary: result.Summarize(rs)}
	best := result.StatusRank("")
	for _, x := range rs {
		if s := result.StatusRank(x.Status); s < best {
			best, row.Status = s, x.Status
		}
	}
	return row
}

// checkIDLess orders check IDs as result.Sort does (HN-VPC-2 before HN-VPC-10), so every
// format lists checks in one order.
func checkIDLess(a, b string) bool {
	rs := []result.Result{{ID: b}, {ID: a}}
	result.Sort(rs)
	return a != b && rs[0].ID == a
}
