package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/junit"
	"github.com/hybridcheck/hybridcheck/internal/result"
)

// JUnit is the Ant JUnit XML that CI dashboards read: one test suite per area, one test case
// per check and resource; failures carry message and evidence, waived and not applicable
// results are skipped.
type JUnit struct{}

// The JUnit XML model is shared with policy test's junit format (internal/junit).
type (
	junitSuites   = junit.Suites
	junitSuite    = junit.Suite
	junitProperty = junit.Property
	junitCase     = junit.Case
	junitSkipped  = junit.Skipped
	junitFailure  = junit.Failure
)

// Render writes one JUnit test case per result in one suite per area, with the scope as
// properties, for CI test tabs.
func (JUnit) Render(w io.Writer, r *result.Report, _ Options) error {
	// The schema's timestamp is a local date-time without zone; reports record UTC. It is the
	// time of the check, or of the collection for a report without one.
	when := r.Scope.CheckedAt
	if when == "" {
		when = r.Snapshot.CollectedAt
	}
	stamped, err := time.Parse(time.RFC3339, when)
	if err != nil {
		return fmt.Errorf("junit: check time %q is not an RFC 3339 time", when)
	}
	stamp := stamped.UTC().Format("2006-01-02T15:04:05")
	props := []junitProperty{
		{Name: "snapshot", Value: r.Snapshot.Path},
		{Name: "collected_at", Value: r.Snapshot.CollectedAt},
		{Name: "schema_version", Value: r.Snapshot.SchemaVersion},
		{Name: "tool_version", Value: r.Snapshot.ToolVersion},
	}
	for _, l := range scopeLines(r) {
		if l.Key == "Snapshot" {
			continue
		}
		props = append(props, junitProperty{Name: strings.ReplaceAll(strings.ToLower(l.Key), " ", "_"), Value: l.Value})
	}
	doc := junitSuites{Suites: []junitSuite{}}
	for i, g := range groupByArea(r.Results) {
		suite := junitSuite{
			Package:    "hybridcheck",
			ID:         i,
			Name:       xmlToken(g.Title),
			Timestamp:  stamp,
			Hostname:   "localhost",
			Time:       "0",
			Properties: props,
		}
		for _, x := range g.Results {
			suite.Cases = append(suite.Cases, junitCaseFor(g.Area, x))
			suite.Tests++
			switch x.Status {
			case result.Fail:
				suite.Failures++
			case result.Error:
				suite.Errors++
			case result.Waived, result.NotApplicable, result.Unknown:
				suite.Skipped++
			}
		}
		doc.Suites = append(doc.Suites, suite)
	}
	return junit.Write(w, doc)
}

func junitCaseFor(area string, x result.Result) junitCase {
	name := x.ID
	if x.Resource != "" {
		name += " " + x.Resource
	}
	class := "hybridcheck"
	if area != "" {
		class += "." + area
	}
	c := junitCase{Name: xmlToken(name), ClassName: xmlToken(class + "." + x.ID), Time: "0"}
	switch x.Status {
	case result.Fail:
		c.Failure = &junitFailure{Message: x.Message, Type: orText(x.Severity, "unknown"), Text: junitDetails(x)}
	case result.Error:
		c.Error = &junitFailure{Message: x.Message, Type: "evaluation-error", Text: junitDetails(x)}
	case result.Waived:
		msg := "waived"
		if x.Waiver != nil {
			msg += ": " + x.Waiver.Justification + waiverTerms(x.Waiver)
		}
		c.Skipped = &junitSkipped{Message: msg}
	case result.NotApplicable:
		c.Skipped = &junitSkipped{Message: "not applicable: " + x.Message}
	case result.Unknown:
		c.Skipped = &junitSkipped{Message: "unknown: " + x.Message}
	}
	return c
}

// junitDetails is the failure body dashboards show expanded: what failed, where, the evidence
// and the fix.
func junitDetails(x result.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s] %s\n%s\n", x.ID, x.Severity, x.Title, x.Message)
	for _, loc := range evidenceLocations(x.Evidence) {
		fmt.Fprintf(&b, "at %s\n", loc)
	}
	for _, l := range evidenceBesideLocations(x.Evidence) {
		fmt.Fprintf(&b, "%s: %s\n", l.Key, l.Value)
	}
	if x.Remediation != "" {
		fmt.Fprintf(&b, "fix: %s\n", x.Remediation)
	}
	return b.String()
}

// xmlToken collapses whitespace as the schema's xs:token requires of names.
func xmlToken(s string) string {
	t := strings.Join(strings.Fields(s), " ")
	if t == "" {
		return "-"
	}
	return t
}
