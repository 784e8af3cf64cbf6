package snapshot

import (
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The one-pass decoder reads a snapshot's bytes once, checks them against the compiled schema
// (schematree.go) and builds the Rego value the engine evaluates, without the generic
// document, the separate schema validation and the conversion of one into the other that the
// full path (Parse's fallback) takes. It only ever accepts: whatever it does not accept (an
// invalid snapshot, a duplicate key, an escaped or non-ASCII string it leaves to encoding/json,
// a number the typed decode might read differently) it hands to the full path, which decides
// and words the error. So a snapshot it accepts is one the JSON-schema validator accepts, and
// every error message is the validator's (FuzzDecoderAgreesWithValidator holds it to that).

// errSlowPath says the one-pass decoder leaves this input to the full path.
var errSlowPath = errors.New("left to the full validator")

// anyNode is the schema of a value nothing constrains.
var anyNode = &schemaNode{kinds: kindAny, maxItems: -1, min: minInt, max: maxInt}

const (
	minInt = -1 << 63
	maxInt = 1<<63 - 1
)

type decoder struct {
	data []byte
	pos  int
	// stack holds the values of the objects and arrays being built, innermost last; keys the
	// names of the open maps' entries (objects whose properties the schema does not name).
	stack []*ast.Term
	keys  []string
	// slab is where the terms come from, a block at a time: they all live as long as the value.
	slab []ast.Term
}

// term is a new term of v.
func (d *decoder) term(v ast.Value) *ast.Term {
	if len(d.slab) == 0 {
		d.slab = make([]ast.Term, 1024)
	}
	t := &d.slab[0]
	d.slab = d.slab[1:]
	t.Value = v
	return t
}

// decodeDocument validates data against the compiled schema and returns it as a Rego value,
// or errSlowPath.
func decodeDocument(root *schemaNode, data []byte) (ast.Value, error) {
	d := &decoder{data: data}
	t, err := d.value(root)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.pos != len(d.data) {
		return nil, errSlowPath
	}
	return t.Value, nil
}

func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) value(n *schemaNode) (*ast.Term, error) {
	d.space()
	if d.pos >= len(d.data) {
		return nil, errSlowPath
	}
	switch c := d.data[d.pos]; c {
	case '{':
		if n.kinds&kindObject == 0 {
			return nil, errSlowPath
		}
		return d.object(n)
	case '[':
		if n.kinds&kindArray == 0 {
			return nil, errSlowPath
		}
		return d.array(n)
	case '"':
		if n.kinds&kindString == 0 {
			return nil, errSlowPath
		}
		return d.stringValue(n)
	case 't', 'f':
		if n.kinds&kindBoolean == 0 {
			return nil, errSlowPath
		}
		return d.boolean()
	case 'n':
		if n.kinds&kindNull == 0 || !d.literal("null") {
			return nil, errSlowPath
		}
		return d.term(ast.NullValue), nil
	default:
		return d.number(n)
	}
}

func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return false
	}
	d.pos += len(word)
	return true
}

func (d *decoder) boolean() (*ast.Term, error) {
	switch {
	case d.literal("true"):
		return d.term(ast.Boolean(true)), nil
	case d.literal("false"):
		return d.term(ast.Boolean(false)), nil
	}
	return nil, errSlowPath
}

// object reads an object whose properties the node's schema describes.
func (d *decoder) object(n *schemaNode) (*ast.Term, error) {
	d.pos++ // {
	base, keyBase := len(d.stack), len(d.keys)
	var seen uint64
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
	} else {
		for {
			if err := d.member(n, keyBase, &seen); err != nil {
				return nil, err
			}
			d.space()
			if d.pos >= len(d.data) {
				return nil, errSlowPath
			}
			c := d.data[d.pos]
			d.pos++
			if c == '}' {
				break
			}
			if c != ',' {
				return nil, errSlowPath
			}
		}
	}
	if seen&n.required != n.required {
		return nil, errSlowPath
	}
	pairs := d.stack[base:]
	tuples := make([][2]*ast.Term, len(pairs)/2)
	for i := range tuples {
		tuples[i] = [2]*ast.Term{pairs[2*i], pairs[2*i+1]}
	}
	clear(pairs)
	d.stack, d.keys = d.stack[:base], d.keys[:keyBase]
	return d.term(ast.NewObject(tuples...)), nil
}

// member reads one "key": value of an object: a key the schema does not allow, or one seen
// before in the object, is left to the full path.
func (d *decoder) member(n *schemaNode, keyBase int, seen *uint64) error {
	d.space()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return errSlowPath
	}
	raw, plain, err := d.rawString()
	if err != nil {
		return err
	}
	var key *ast.Term
	child := anyNode
	if p := n.props[string(raw)]; plain && p != nil {
		if *seen&p.bit != 0 {
			return errSlowPath
		}
		*seen |= p.bit
		key, child = p.key, p.node
	} else {
		name, err := d.text(raw, plain)
		if err != nil || n.closed || n.props[name] != nil || containsKey(d.keys[keyBase:], name) {
			return errSlowPath
		}
		if n.extra != nil {
			child = n.extra
		}
		d.keys = append(d.keys, name)
		key = d.term(ast.String(name))
	}
	d.space()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return errSlowPath
	}
	d.pos++
	v, err := d.value(child)
	if err != nil {
		return err
	}
	d.stack = append(d.stack, key, v)
	return nil
}

func containsKey(keys []string, k string) bool {
	for _, have := range keys {
		if have == k {
			return true
		}
	}
	return false
}

func (d *decoder) array(n *schemaNode) (*ast.Term, error) {
	d.pos++ // [
	items := n.items
	if items == nil {
		items = anyNode
	}
	base := len(d.stack)
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
	} else {
		for {
			v, err := d.value(items)
			if err != nil {
				return nil, err
			}
			d.stack = append(d.stack, v)
			d.space()
			if d.pos >= len(d.data) {
				return nil, errSlowPath
			}
			c := d.data[d.pos]
			d.pos++
			if c == ']' {
				break
			}
			if c != ',' {
				return nil, errSlowPath
			}
		}
	}
	elems := d.stack[base:]
	if n.maxItems >= 0 && len(elems) > n.maxItems {
		return nil, errSlowPath
	}
	terms := make([]*ast.Term, len(elems))
	copy(terms, elems)
	clear(elems)
	d.stack = d.stack[:base]
	return d.term(ast.NewArray(terms...)), nil
}

// rawString moves past a JSON string and returns the bytes between its quotes, and whether
// they are the string itself: plain ASCII without escapes.
func (d *decoder) rawString() (raw []byte, plain bool, err error) {
	start := d.pos
	d.pos++ // "
	plain = true
	for {
		if d.pos >= len(d.data) {
			return nil, false, errSlowPath
		}
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return d.data[start+1 : d.pos-1], plain, nil
		case c == '\\':
			plain = false
			d.pos += 2
			continue
		case c < 0x20:
			return nil, false, errSlowPath
		case c >= utf8.RuneSelf:
			plain = false
		}
		d.pos++
	}
}

// text is the string whose JSON form (between the quotes) is raw: a string with an escape or
// beyond ASCII goes through encoding/json, which decodes it (invalid UTF-8 and surrogates
// included) exactly as the full path does.
func (d *decoder) text(raw []byte, plain bool) (string, error) {
	if plain {
		return string(raw), nil
	}
	var s string
	// raw sits between two quotes in d.data.
	quoted := d.data[d.pos-len(raw)-2 : d.pos]
	if err := json.Unmarshal(quoted, &s); err != nil {
		return "", errSlowPath
	}
	return s, nil
}

func (d *decoder) stringValue(n *schemaNode) (*ast.Term, error) {
	raw, plain, err := d.rawString()
	if err != nil {
		return nil, err
	}
	if n.enum != nil {
		if v, ok := n.enum[string(raw)]; ok && plain {
			return v, nil
		}
		return nil, errSlowPath
	}
	s, err := d.text(raw, plain)
	if err != nil {
		return nil, err
	}
	if n.pattern != nil && !n.pattern.MatchString(s) || n.dateTime && !validDateTime(s) {
		return nil, errSlowPath
	}
	return d.term(ast.String(s)), nil
}

// number reads a JSON number. Where the schema wants an integer, only a plain integer that
// fits in 64 bits is taken (the typed decode reads "1.0" or 1e2 differently from the schema).
func (d *decoder) number(n *schemaNode) (*ast.Term, error) {
	start := d.pos
	integer := d.scanNumber()
	if d.pos == start {
		return nil, errSlowPath
	}
	text := string(d.data[start:d.pos])
	switch {
	case integer && n.kinds&(kindInteger|kindNumber) != 0:
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil || i < n.min || i > n.max {
			return nil, errSlowPath
		}
	case !integer && n.kinds&kindNumber != 0 && n.min == minInt && n.max == maxInt:
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return nil, errSlowPath
		}
	default:
		return nil, errSlowPath
	}
	v, err := ast.InterfaceToValue(json.Number(text))
	if err != nil {
		return nil, errSlowPath
	}
	return d.term(v), nil
}

// scanNumber moves past a number in JSON's grammar and says whether it is a plain integer;
// on anything else it stops where the grammar breaks, which the caller's delimiter check
// then refuses.
func (d *decoder) scanNumber() (integer bool) {
	data, p := d.data, d.pos
	digits := func() int {
		from := p
		for p < len(data) && data[p] >= '0' && data[p] <= '9' {
			p++
		}
		return p - from
	}
	if p < len(data) && data[p] == '-' {
		p++
	}
	switch {
	case p < len(data) && data[p] == '0':
		p++
	case digits() == 0:
		return false // d.pos unchanged: not a number
	}
	integer = true
	if p < len(data) && data[p] == '.' {
		p++
		integer = false
		if digits() == 0 {
			return false
		}
	}
	if p < len(data) && (data[p] == 'e' || data[p] == 'E') {
		p++
		integer = false
		if p < len(data) && (data[p] == '+' || data[p] == '-') {
			p++
		}
		if digits() == 0 {
			return false
		}
	}
	d.pos = p
	return integer
}

var (
	dateTimeOnce   sync.Once
	dateTimeSchema *jsonschema.Schema
)

// validDateTime is the JSON-schema validator's own "date-time" format check, so both paths
// agree on every timestamp.
func validDateTime(s string) bool {
	dateTimeOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource("date-time.json", map[string]any{"type": "string", "format": "date-time"}); err != nil {
			return
		}
		dateTimeSchema, _ = c.Compile("date-time.json")
	})
	return dateTimeSchema != nil && dateTimeSchema.Validate(s) == nil
}
