// Package junit is the Ant JUnit XML model CI dashboards read, shared by the check report's
// junit format and policy test's, and its writer.
package junit

import (
	"encoding/xml"
	"io"
)

// Suites is the document: the test suites.
type Suites struct {
	XMLName xml.Name `xml:"testsuites"`
	Suites  []Suite  `xml:"testsuite"`
}

// Suite is one test suite; the attributes the JUnit schema requires are always written.
type Suite struct {
	Package    string     `xml:"package,attr"`
	ID         int        `xml:"id,attr"`
	Name       string     `xml:"name,attr"`
	Timestamp  string     `xml:"timestamp,attr"`
	Hostname   string     `xml:"hostname,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Time       string     `xml:"time,attr"`
	Properties []Property `xml:"properties>property"`
	Cases      []Case     `xml:"testcase"`
	// SystemOut and SystemErr are required by the schema even when empty.
	SystemOut string `xml:"system-out"`
	SystemErr string `xml:"system-err"`
}

// Property is a name and value of a suite.
type Property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// Case is one test case; at most one of Skipped, Error and Failure is set.
type Case struct {
	Name      string   `xml:"name,attr"`
	ClassName string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	Skipped   *Skipped `xml:"skipped"`
	Error     *Failure `xml:"error"`
	Failure   *Failure `xml:"failure"`
}

// Skipped marks a case that did not run, with why.
type Skipped struct {
	Message string `xml:"message,attr"`
}

// Failure is a failing or erroring case: message, type and the details.
type Failure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Write writes the document with the XML header, indented, and a final newline.
func Write(w io.Writer, doc Suites) error {
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
