package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/format"
	"github.com/hybridcheck/hybridcheck/internal/junit"
)

// TestRenderer writes a policy test run; verbose lists the passing tests too (text only: the
// JSON and JUnit formats always hold every test).
type TestRenderer func(w io.Writer, run TestRun, verbose bool) error

// TestFormats is the output formats of `policy test`, as opa test and conftest verify offer.
var TestFormats = format.New[TestRenderer]("the policy test run").
	Add("text", renderTestText).
	Add("json", renderTestJSON).
	Add("junit", renderTestJUnit)

// renderTestText is opa test -v's layout: one line a test, details under a failing one.
func renderTestText(w io.Writer, run TestRun, verbose bool) error {
	for _, t := range run.Results {
		if !verbose && t.Status != "FAIL" && t.Status != "ERROR" {
			continue
		}
		where := ""
		if t.Location != "" {
			where = " (" + t.Location + ")"
		}
		fmt.Fprintf(w, "%s.%s: %s%s\n", t.Package, t.Name, t.Status, where)
		if t.Error != "" {
			fmt.Fprintf(w, "  error: %s\n", t.Error)
		}
		if t.FailedAt != "" {
			fmt.Fprintf(w, "  failed at: %s\n", t.FailedAt)
		}
		if t.Output != "" {
			fmt.Fprintf(w, "  output: %s\n", t.Output)
		}
	}
	return nil
}

func renderTestJSON(w io.Writer, run TestRun, _ bool) error {
	if run.Results == nil {
		run.Results = []TestResult{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(run)
}

// renderTestJUnit writes one testsuite per Rego package, a testcase per test, for CI systems
// that show test results.
func renderTestJUnit(w io.Writer, run TestRun, _ bool) error {
	doc := junit.Suites{Suites: []junit.Suite{}}
	stamp := time.Now().UTC().Format("2006-01-02T15:04:05")
	for _, t := range run.Results {
		if n := len(doc.Suites); n == 0 || doc.Suites[n-1].Name != t.Package {
			doc.Suites = append(doc.Suites, junit.Suite{Package: "hybridcheck", ID: n, Name: t.Package, Timestamp: stamp, Hostname: "localhost", Time: "0"})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		c := junit.Case{Name: t.Name, ClassName: t.Package, Time: fmt.Sprintf("%.3f", t.Duration.Seconds())}
		detail := strings.TrimSpace(strings.Join([]string{t.Location, t.FailedAt, t.Output}, "\n"))
		s.Tests++
		switch t.Status {
		case "FAIL":
			s.Failures++
			c.Failure = &junit.Failure{Message: "test failed", Type: "fail", Text: detail}
		case "ERROR":
			s.Errors++
			c.Error = &junit.Failure{Message: t.Error, Type: "error", Text: detail}
		case "SKIPPED":
			s.Skipped++
			c.Skipped = &junit.Skipped{Message: "skipped"}
		}
		s.Cases = append(s.Cases, c)
	}
	return junit.Write(w, doc)
}
