// Package waiver applies an auditor's waivers to check results: a waived failure stays in every
// report, marked waived with its justification, approver and expiry; an expired waiver stops
// waiving, and a waiver that matches nothing is reported as unused.
package waiver

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"go.yaml.in/yaml/v3"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// MaxFileSize bounds a waiver file; a real one is a few KiB.
const MaxFileSize = 4 << 20

// Waiver is one entry of the waivers file.
type Waiver struct {
	// ID is the check ID the waiver applies to.
	ID string `json:"id" yaml:"id"`
	// Resource is a glob (path.Match syntax) on the result's resource; empty matches all.
	Resource      string `json:"resource,omitempty" yaml:"resource"`
	Justification string `json:"justification" yaml:"justification"`
	ApprovedBy    string `json:"approved_by" yaml:"approved_by"`
	// Expires is the last day (YYYY-MM-DD, UTC) the waiver applies.
	Expires string `json:"expires" yaml:"expires"`

	expires time.Time
}

type file struct {
	Waivers []*Waiver `json:"waivers" yaml:"waivers"`
}

// Load reads and validates a waivers file (YAML or JSON). knownIDs are the checks being run; a
// waiver for an unknown ID is refused, as it is almost always a typo that would waive nothing.
func Load(name string, knownIDs map[string]bool) ([]*Waiver, error) {
	return inputfile.Load(name, MaxFileSize, "a waivers file", func(fileName string, data []byte) ([]*Waiver, error) {
		return Parse(fileName, data, knownIDs)
	})
}

// Parse validates waiver bytes; name is used in messages.
func Parse(name string, data []byte, knownIDs map[string]bool) ([]*Waiver, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: file is empty; want a 'waivers:' list", name)
	}
	var f file
	// yaml.v3 with known fields only: a misspelled key is an error with its line number.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yamlError(err))
	}
	// A second document would be dropped without a word.
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		return nil, fmt.Errorf("%s: line %d: a second YAML document; the waivers are one document", name, max(more.Line, 1))
	}
	if f.Waivers == nil {
		return nil, fmt.Errorf("%s: no 'waivers:' list", name)
	}
	for i, w := range f.Waivers {
		where := fmt.Sprintf("%s: waiver %d", name, i+1)
		if w == nil {
			return nil, fmt.Errorf("%s: is empty", where)
		}
		if w.ID == "" {
			return nil, fmt.Errorf("%s: has no id", where)
		}
		where += " (" + w.ID + ")"
		if knownIDs != nil && !knownIDs[w.ID] {
			return nil, fmt.Errorf("%s: no check has this id (see hybridcheck policies)", where)
		}
		if strings.TrimSpace(w.Justification) == "" || strings.TrimSpace(w.ApprovedBy) == "" {
			return nil, fmt.Errorf("%s: needs a justification and approved_by (the paper trail)", where)
		}
		exp, err := time.Parse("2006-01-02", w.Expires)
		if err != nil {
			return nil, fmt.Errorf("%s: expires %q is not a date (YYYY-MM-DD)", where, w.Expires)
		}
		w.expires = exp.Add(24*time.Hour - time.Nanosecond)
		if _, err := path.Match(w.Resource, ""); err != nil {
			return nil, fmt.Errorf("%s: resource %q is not a valid glob: %v", where, w.Resource, err)
		}
	}
	return f.Waivers, nil
}

func (w *Waiver) matches(r result.Result) bool {
	if w.ID != r.ID {
		return false
	}
	if w.Resource == "" {
		return true
	}
	ok, _ := path.Match(w.Resource, r.Resource)
	return ok
}

// Outcome is what applying waivers to one report did: which waivers matched a failing result
// (by index into the waivers) and the notes for expired and unused ones.
type Outcome struct {
	Used  []bool
	Notes []string
}

// Apply returns a copy of rep in which the failing results that a live waiver covers are
// waived, its notes extended with the outcome's notes and its summary recomputed. It changes
// neither rep nor the waivers, so applying the same waivers to several reports gives each
// report the same notes in any order. now is the time of the check.
func Apply(rep result.Report, ws []*Waiver, now time.Time) (result.Report, Outcome) {
	out := Outcome{Used: make([]bool, len(ws))}
	rep.Results = append([]result.Result(nil), rep.Results...)
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Status != result.Fail {
			continue
		}
		for j, w := range ws {
			if !w.matches(*r) {
				continue
			}
			out.Used[j] = true
			if now.After(w.expires) {
				continue
			}
			r.Status = result.Waived
			r.Waiver = &result.WaiverInfo{Justification: w.Justification, ApprovedBy: w.ApprovedBy, Expires: w.Expires}
			break
		}
	}
	for i, w := range ws {
		label := w.ID
		if w.Resource != "" {
			label += " on " + w.Resource
		}
		switch {
		case now.After(w.expires):
			out.Notes = append(out.Notes, fmt.Sprintf("waiver %d (%s, approved by %s) expired on %s and no longer waives anything", i+1, label, w.ApprovedBy, w.Expires))
		case !out.Used[i]:
			out.Notes = append(out.Notes, fmt.Sprintf("waiver %d (%s, approved by %s) matches no failing result: remove it or fix its id/resource", i+1, label, w.ApprovedBy))
		}
	}
	rep.Notes = append(append([]string(nil), rep.Notes...), out.Notes...)
	rep.Summary = result.Summarize(rep.Results)
	return rep, out
}

// yamlError turns yaml.v3's messages into one line a user can act on.
func yamlError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:")
	msg = errtext.Fold(msg)
	msg = strings.ReplaceAll(msg, "not found in type waiver.Waiver", "is not a waiver field (id, resource, justification, approved_by, expires)")
	msg = strings.ReplaceAll(msg, "not found in type waiver.file", "is not known (the file holds a waivers: list)")
	return msg
}
