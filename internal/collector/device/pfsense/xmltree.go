package pfsense

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Limits on the shape of a config.xml. Real backups nest about ten levels and hold tens of
// thousands of elements; these bounds stop hostile files before they exhaust memory.
const (
	maxDepth    = 64
	maxElements = 1_000_000
)

// element is one XML element of the config with the line of its start tag, kept so that
// evidence can cite the rule or tunnel it came from.
type element struct {
	name     string
	uuid     string
	text     string
	line     int
	children []*element
}

// parseConfig reads a config.xml into a tree. A DTD is refused outright (pfSense never writes
// one, and it is how entity-expansion attacks arrive); depth and element count are bounded.
func parseConfig(data []byte) (*element, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = charsetReader
	var (
		root     *element
		stack    []*element
		text     [][]byte
		elements int
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := d.InputPos()
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("line %d: malformed XML: %s", se.Line, se.Msg)
			}
			return nil, fmt.Errorf("line %d: malformed XML: %v", line, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, fmt.Errorf("line %d: <!%s> found: DTD and entity declarations are not allowed", line, directiveName(t))
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, fmt.Errorf("line %d: element <%s> after the root element", line, t.Name.Local)
			}
			elements++
			if elements > maxElements {
				return nil, fmt.Errorf("line %d: more than %d elements", line, maxElements)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("line %d: elements nested deeper than %d levels", line, maxDepth)
			}
			e := &element{name: t.Name.Local, line: line}
			for _, a := range t.Attr {
				if a.Name.Local == "uuid" {
					e.uuid = a.Value
				}
			}
			if len(stack) == 0 {
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			}
			stack = append(stack, e)
			text = append(text, nil)
		case xml.EndElement:
			// The strict decoder has already matched end tags to start tags.
			top := len(stack) - 1
			stack[top].text = string(bytes.TrimSpace(text[top]))
			stack = stack[:top]
			text = text[:top]
		case xml.CharData:
			if len(stack) > 0 {
				text[len(text)-1] = append(text[len(text)-1], t...)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, fmt.Errorf("line %d: text outside the root element", line)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element: not a config.xml")
	}
	return root, nil
}

func directiveName(d xml.Directive) string {
	name, _, _ := strings.Cut(strings.TrimSpace(string(d)), " ")
	if len(name) > 16 {
		name = name[:16]
	}
	return name
}

// charsetReader accepts the single-byte encodings older pfSense versions declared.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(input), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "us-ascii", "ascii":
		return input, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// child returns the first child named name, or nil.
func (e *element) child(name string) *element {
	if e == nil {
		return nil
	}
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// path walks nested children: e.path("installedpackages", "frrbgp").
func (e *element) path(names ...string) *element {
	for _, n := range names {
		e = e.child(n)
	}
	return e
}

// elements returns every child, in document order.
func (e *element) elements() []*element {
	if e == nil {
		return nil
	}
	return e.children
}

// all returns every child named name, in document order.
func (e *element) all(name string) []*element {
	if e == nil {
		return nil
	}
	var out []*element
	for _, c := range e.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// get is the trimmed text of the first child named name.
func (e *element) get(name string) string {
	if c := e.child(name); c != nil {
		return c.text
	}
	return ""
}

// has reports whether a child named name exists.
func (e *element) has(name string) bool { return e.child(name) != nil }

// flag reads a pfSense/OPNsense boolean: pfSense marks "on" by the element's presence
// (<disabled/>, <nonat/>), OPNsense writes 1 or 0, so presence counts unless the value says off.
func (e *element) flag(name string) bool {
	c := e.child(name)
	if c == nil {
		return false
	}
	switch strings.ToLower(c.text) {
	case "0", "no", "false", "off":
		return false
	}
	return true
}

// empty reports whether the element carries no text and no children, such as the placeholder
// <vlan/> OPNsense writes under an empty <vlans>.
func (e *element) empty() bool { return e == nil || (e.text == "" && len(e.children) == 0) }
