package engine

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/format"
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

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// renderTestJUnit writes one testsuite per Rego package, a testcase per test, for CI systems
// that show test results.
func renderTestJUnit(w io.Writer, run TestRun, _ bool) error {
	var doc junitSuites
	for _, t := range run.Results {
		if len(doc.Suites) == 0 || doc.Suites[len(doc.Suites)-1].Name != t.Package {
			doc.Suites = append(doc.Suites, junitSuite{Name: t.Package})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		c := junitCase{Name: t.Name, Classname: t.Package, Time: fmt.Sprintf("%.3f", t.Duration.Seconds()), File: t.Location}
		detail := strings.TrimSpace(strings.Join([]string{t.FailedAt, t.Output}, "\n"))
		s.Tests++
		switch t.Status {
		case "FAIL":
			s.Failures++
			c.Failure = &junitProblem{Message: "test failed", Text: detail}
		case "ERROR":
			s.Errors++
			c.Error = &junitProblem{Message: t.Error, Text: detail}
		case "SKIPPED":
			s.Skipped++
			c.Skipped = &struct{}{}
		}
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
