// Package report renders a check's results in the formats auditors and CI systems read: one
// file per format behind the Renderer interface.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Options are what a renderer may vary on.
type Options struct {
	// Color enables ANSI colour (text only; callers turn it off when not a terminal or with NO_COLOR).
	Color bool
}

// Renderer writes one report format.
type Renderer interface {
	Render(w io.Writer, r *result.Report, opts Options) error
}

// Formats lists the formats in the order --help shows them.
var Formats = []string{"text", "json"}

// Get returns the renderer for a format name.
func Get(format string) (Renderer, error) {
	switch format {
	case "text":
		return Text{}, nil
	case "json":
		return JSON{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (one of %s)", format, strings.Join(Formats, ", "))
}
