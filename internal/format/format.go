// Package format is the one registry of output formats that check, diff and policy test share:
// each command's formats are a Registry that maps a format name to what renders it, so the
// --format flag, its --help text, its validation and the dispatch all read one list.
package format

import (
	"fmt"
	"strings"
)

// Registry holds the output formats of one kind of document (a check report, a diff, a
// policy test run), in the order --help lists them. R is the renderer type of that document.
type Registry[R any] struct {
	what   string
	names  []string
	render map[string]R
}

// New starts an empty registry of formats for what, a document named in messages ("a diff").
func New[R any](what string) *Registry[R] {
	return &Registry[R]{what: what, render: map[string]R{}}
}

// Add registers a format; the first added is listed first. A name added twice is a programming
// error, so it panics at start-up rather than shadowing a renderer.
func (r *Registry[R]) Add(name string, render R) *Registry[R] {
	if _, dup := r.render[name]; dup {
		panic("format: " + name + " registered twice for " + r.what)
	}
	r.names = append(r.names, name)
	r.render[name] = render
	return r
}

// What names the document the formats render.
func (r *Registry[R]) What() string { return r.what }

// Names lists the format names in registration order.
func (r *Registry[R]) Names() []string { return append([]string(nil), r.names...) }

// Help is the --format flag's description: the formats, from the registry.
func (r *Registry[R]) Help() string {
	return "output format: " + strings.Join(r.names, ", ")
}

// Get returns the renderer of a format, or an error naming the formats there are.
func (r *Registry[R]) Get(name string) (R, error) {
	render, ok := r.render[name]
	if !ok {
		return render, fmt.Errorf("unknown format %q (one of %s)", name, strings.Join(r.names, ", "))
	}
	return render, nil
}
