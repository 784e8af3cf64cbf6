package linux

import (
	"fmt"
	"strings"
)

// maxSectionDepth bounds how deep swanctl sections nest; real files stay at 4
// (connections > conn > children > child).
const maxSectionDepth = 16

// section is a swanctl.conf (strongSwan settings syntax) section: its key/value pairs and
// subsections in file order, each with the line it starts on.
type section struct {
	name string
	line int
	keys map[string]setting
	subs []*section
}

type setting struct {
	value string
	line  int
}

func newSection(name string, line int) *section {
	return &section{name: name, line: line, keys: map[string]setting{}}
}

// sub returns the first subsection with that name, or nil.
func (s *section) sub(name string) *section {
	if s == nil {
		return nil
	}
	for _, c := range s.subs {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (s *section) get(key string) string {
	if s == nil {
		return ""
	}
	return s.keys[key].value
}

// parseSwanctl parses the strongSwan settings syntax: `name { ... }`, `key = value` (to the end
// of the line, or quoted), `#` comments and `include` lines (the included files are read from
// the folder in their own right, so the line itself is skipped).
func parseSwanctl(text string) (*section, error) {
	p := &swanLexer{text: text, line: 1}
	root := newSection("", 1)
	stack := []*section{root}
	for {
		p.skipSpace(true)
		if p.eof() {
			break
		}
		c := p.text[p.pos]
		if c == '}' {
			if len(stack) == 1 {
				return nil, fmt.Errorf("line %d: '}' closes no section", p.line)
			}
			stack = stack[:len(stack)-1]
			p.pos++
			continue
		}
		line := p.line
		name := p.word()
		if name == "" {
			return nil, fmt.Errorf("line %d: unexpected %q", p.line, string(c))
		}
		if name == "include" {
			p.restOfLine()
			continue
		}
		p.skipSpace(true)
		if p.eof() {
			return nil, fmt.Errorf("line %d: %q has neither '=' nor '{'", line, name)
		}
		switch p.text[p.pos] {
		case '{':
			p.pos++
			if len(stack) > maxSectionDepth {
				return nil, fmt.Errorf("line %d: sections nested deeper than %d", line, maxSectionDepth)
			}
			s := newSection(name, line)
			top := stack[len(stack)-1]
			top.subs = append(top.subs, s)
			stack = append(stack, s)
		case '=':
			p.pos++
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			stack[len(stack)-1].keys[name] = setting{value: v, line: line}
		default:
			return nil, fmt.Errorf("line %d: %q is followed by %q, want '=' or '{'", line, name, string(p.text[p.pos]))
		}
	}
	if len(stack) > 1 {
		open := stack[len(stack)-1]
		return nil, fmt.Errorf("line %d: section %q is not closed", open.line, open.name)
	}
	return root, nil
}

type swanLexer struct {
	text string
	pos  int
	line int
}

func (p *swanLexer) eof() bool { return p.pos >= len(p.text) }

// skipSpace skips blanks and comments, and newlines when nl is set.
func (p *swanLexer) skipSpace(nl bool) {
	for !p.eof() {
		switch c := p.text[p.pos]; {
		case c == '\n' && nl:
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case c == '#':
			for !p.eof() && p.text[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *swanLexer) word() string {
	start := p.pos
	for !p.eof() && !strings.ContainsRune(" \t\r\n{}=#\"'", rune(p.text[p.pos])) {
		p.pos++
	}
	return p.text[start:p.pos]
}

func (p *swanLexer) restOfLine() {
	for !p.eof() && p.text[p.pos] != '\n' {
		p.pos++
	}
}

// value reads a value after '=': a quoted string (which may span lines) or the rest of the
// line up to a comment or brace, trimmed.
func (p *swanLexer) value() (string, error) {
	p.skipSpace(false)
	if p.eof() {
		return "", nil
	}
	if q := p.text[p.pos]; q == '"' || q == '\'' {
		start := p.line
		p.pos++
		var b strings.Builder
		for {
			if p.eof() {
				return "", fmt.Errorf("line %d: quoted value is not closed", start)
			}
			c := p.text[p.pos]
			p.pos++
			switch {
			case c == q:
				return b.String(), nil
			case c == '\\' && q == '"' && !p.eof():
				b.WriteByte(p.text[p.pos])
				p.pos++
			default:
				if c == '\n' {
					p.line++
				}
				b.WriteByte(c)
			}
		}
	}
	start := p.pos
	for !p.eof() && !strings.ContainsRune("\n#{}", rune(p.text[p.pos])) {
		p.pos++
	}
	return strings.TrimSpace(p.text[start:p.pos]), nil
}
