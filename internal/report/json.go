package report

import (
	"encoding/json"
	"io"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// JSON is DESIGN.md's machine-readable shape: snapshot, summary, results.
type JSON struct{}

// Render writes the report as one indented JSON document, the shape the README documents.
func (JSON) Render(w io.Writer, r *result.Report, _ Options) error {
	out := *r
	if out.Results == nil {
		out.Results = []result.Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
