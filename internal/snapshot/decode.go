package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/maphash"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"
)

// The one-pass decoder reads a snapshot's bytes once, checks them against the compiled schema
// (schematree.go) and builds both the Rego value the engine evaluates and the typed Snapshot
// (typedbind.go), without the generic document, the separate schema validation, the second
// decode and the conversion of one form into another that the full path (Parse's fallback)
// takes. It only ever accepts: whatever it does not accept (an
// invalid snapshot, a duplicate key, an escaped or non-ASCII string it leaves to encoding/json,
// a number the typed decode might read differently) it hands to the full path, which decides
// and words the error. So a snapshot it accepts is one the JSON-schema validator accepts, and
// every error message is the validator's (FuzzDecoderAgreesWithValidator holds it to that).

// errSlowPath says the one-pass decoder leaves this input to the full path.
var errSlowPath = errors.New("left to the full validator")

// internLimit is the longest string value whose occurrences share one term.
const internLimit = 32

// shareLimit is the longest object or array, in bytes of JSON text, whose identical
// occurrences share one Rego value. Estates repeat small structures by the thousand (a rule's
// source and destination, a security group rule, a route, a transit gateway association, a
// list of one CIDR): at scale 300, 414,000 objects hold 175,000 distinct values, and an OPA
// object costs some 400 bytes whatever its size. Larger values seldom repeat, and hashing
// their text at every level of nesting would cost more than it saves.
const shareLimit = 2048

// maxDepth is the deepest nesting the decoder reads itself.
const maxDepth = 1000

// anyNode is the schema of a value nothing constrains.
var anyNode = &schemaNode{kinds: kindAny, maxItems: -1, min: math.MinInt64, max: math.MaxInt64}

type decoder struct {
	data []byte
	pos  int
	// stack holds the values of the objects and arrays being built, innermost last; keys the
	// names of the open maps' entries (objects whose properties the schema does not name).
	stack []*ast.Term
	keys  []string
	// depth is how many objects and arrays are open: past maxDepth, the full path decides
	// (encoding/json refuses JSON nested deeper than 10,000).
	depth int
	// strs shares one term (and one string) among the occurrences of each short string value;
	// nums one term among the occurrences of each number text, and consts one among those of
	// each of true, false and null (ports, flags and the like repeat by the hundred thousand).
	strs   map[string]*ast.Term
	nums   map[string]*ast.Term
	consts map[ast.Value]*ast.Term
	// slab is where the terms come from, a block at a time: they all live as long as the value.
	slab []ast.Term
	// shared holds, per schema node and hash of its JSON text, the first object or array of
	// at most shareLimit bytes with that text: a later occurrence of the same text is the same
	// value, and Rego values are immutable, so it takes that term instead of building its own
	// (the typed form is still decoded for each occurrence: Go values can be changed).
	shared map[sharedKey]sharedSpan
	seed   maphash.Seed
}

type sharedKey struct {
	node *schemaNode
	hash uint64
}

// sharedSpan is where in data a shared value's text lies, to tell a hash collision.
type sharedSpan struct {
	start, end int
	term       *ast.Term
}

// sharedTerm returns the term already built for the JSON text data[start:d.pos] of schema n,
// if any; build makes the term otherwise, and sharedTerm remembers it for the next occurrence.
func (d *decoder) sharedTerm(n *schemaNode, start int, build func() *ast.Term) *ast.Term {
	text := d.data[start:d.pos]
	if len(text) > shareLimit {
		return build()
	}
	k := sharedKey{n, maphash.Bytes(d.seed, text)}
	if s, ok := d.shared[k]; ok {
		if bytes.Equal(d.data[s.start:s.end], text) {
			return s.term
		}
		return build() // a collision: the first text keeps the entry
	}
	t := build()
	d.shared[k] = sharedSpan{start, d.pos, t}
	return t
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

// constTerm is the one term of true, false or null.
func (d *decoder) constTerm(v ast.Value) *ast.Term {
	t, ok := d.consts[v]
	if !ok {
		t = d.term(v)
		d.consts[v] = t
	}
	return t
}

// decodeDocument validates data against the compiled schema and returns it as a Rego value,
// or errSlowPath. When typed is valid (settable, of the type the schema is bound to), it is
// filled in the same pass.
func decodeDocument(root *schemaNode, data []byte, typed reflect.Value) (ast.Value, error) {
	d := &decoder{data: data, strs: map[string]*ast.Term{}, nums: map[string]*ast.Term{}, consts: map[ast.Value]*ast.Term{}, shared: map[sharedKey]sharedSpan{}, seed: maphash.MakeSeed()}
	t, err := d.value(root, typed)
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

// opens reads on after an object's or array's opening byte: whether a member or element
// follows, or (false) the closing byte end, which it consumes.
func (d *decoder) opens(end byte) bool {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == end {
		d.pos++
		return false
	}
	return true
}

// separator reads what follows a member or element: a comma, after which another follows
// (more), or the closing byte end. Anything else is not ok: the full path decides.
func (d *decoder) separator(end byte) (more, ok bool) {
	d.space()
	if d.pos >= len(d.data) {
		return false, false
	}
	c := d.data[d.pos]
	d.pos++
	return c == ',', c == ',' || c == end
}

// value reads one value of schema n; tv, when valid, is the Go value it also decodes into.
func (d *decoder) value(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	d.space()
	if d.pos >= len(d.data) {
		return nil, errSlowPath
	}
	if tv.IsValid() {
		switch tv.Kind() {
		case reflect.Interface:
			return d.generic(n, tv)
		case reflect.Pointer:
			if d.data[d.pos] == 'n' {
				tv = reflect.Value{} // null leaves the pointer nil
				break
			}
			p := reflect.New(tv.Type().Elem())
			tv.Set(p)
			tv = p.Elem()
		}
	}
	switch c := d.data[d.pos]; c {
	case '{', '[':
		if d.depth >= maxDepth {
			return nil, errSlowPath
		}
		d.depth++
		defer func() { d.depth-- }()
		if c == '[' {
			if n.kinds&kindArray == 0 {
				return nil, errSlowPath
			}
			return d.array(n, tv)
		}
		if n.kinds&kindObject == 0 {
			return nil, errSlowPath
		}
		return d.object(n, tv)
	case '"':
		if n.kinds&kindString == 0 {
			return nil, errSlowPath
		}
		return d.stringValue(n, tv)
	case 't', 'f':
		if n.kinds&kindBoolean == 0 {
			return nil, errSlowPath
		}
		return d.boolean(tv)
	case 'n':
		if n.kinds&kindNull == 0 || !d.literal("null") {
			return nil, errSlowPath
		}
		return d.constTerm(ast.NullValue), nil
	default:
		return d.number(n, tv)
	}
}

// generic decodes a value into an interface field (any) the way encoding/json does, from
// the bytes the value spans.
func (d *decoder) generic(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	start := d.pos
	t, err := d.value(n, reflect.Value{})
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(d.data[start:d.pos], tv.Addr().Interface()); err != nil {
		return nil, errSlowPath
	}
	return t, nil
}

func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return false
	}
	d.pos += len(word)
	return true
}

func (d *decoder) boolean(tv reflect.Value) (*ast.Term, error) {
	var b bool
	switch {
	case d.literal("true"):
		b = true
	case d.literal("false"):
	default:
		return nil, errSlowPath
	}
	if tv.IsValid() {
		if tv.Kind() != reflect.Bool {
			return nil, errSlowPath
		}
		tv.SetBool(b)
	}
	return d.constTerm(ast.Boolean(b)), nil
}

// object reads an object whose properties the node's schema describes.
func (d *decoder) object(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	if tv.IsValid() {
		switch tv.Kind() {
		case reflect.Struct:
		case reflect.Map:
			tv.Set(reflect.MakeMap(tv.Type()))
		default:
			return nil, errSlowPath
		}
	}
	start := d.pos
	d.pos++ // {
	base, keyBase := len(d.stack), len(d.keys)
	var seen uint64
	for more := d.opens('}'); more; {
		if err := d.member(n, tv, keyBase, &seen); err != nil {
			return nil, err
		}
		var ok bool
		if more, ok = d.separator('}'); !ok {
			return nil, errSlowPath
		}
	}
	if seen&n.required != n.required {
		return nil, errSlowPath
	}
	pairs := d.stack[base:]
	t := d.sharedTerm(n, start, func() *ast.Term {
		tuples := make([][2]*ast.Term, len(pairs)/2)
		for i := range tuples {
			tuples[i] = [2]*ast.Term{pairs[2*i], pairs[2*i+1]}
		}
		return d.term(ast.NewObject(tuples...))
	})
	clear(pairs)
	d.stack, d.keys = d.stack[:base], d.keys[:keyBase]
	return t, nil
}

// member reads one "key": value of an object: a key the schema does not allow, or one seen
// before in the object, is left to the full path.
func (d *decoder) member(n *schemaNode, tv reflect.Value, keyBase int, seen *uint64) error {
	d.space()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return errSlowPath
	}
	raw, plain, err := d.rawString()
	if err != nil {
		return err
	}
	var key *ast.Term
	var name string
	child, target := anyNode, reflect.Value{}
	if p := n.props[string(raw)]; plain && p != nil {
		if *seen&p.bit != 0 {
			return errSlowPath
		}
		*seen |= p.bit
		key, child = p.key, p.node
		if tv.IsValid() {
			if tv.Kind() != reflect.Struct {
				return errSlowPath
			}
			target = tv.Field(p.field)
		}
	} else {
		name, err = d.text(raw, plain)
		if err != nil || n.closed || n.props[name] != nil || containsKey(d.keys[keyBase:], name) {
			return errSlowPath
		}
		if n.extra != nil {
			child = n.extra
		}
		d.keys = append(d.keys, name)
		key = d.term(ast.String(name))
		if tv.IsValid() {
			if tv.Kind() != reflect.Map {
				return errSlowPath
			}
			target = reflect.New(tv.Type().Elem()).Elem()
		}
	}
	d.space()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return errSlowPath
	}
	d.pos++
	v, err := d.value(child, target)
	if err != nil {
		return err
	}
	if target.IsValid() && tv.Kind() == reflect.Map {
		tv.SetMapIndex(reflect.ValueOf(name).Convert(tv.Type().Key()), target)
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

func (d *decoder) array(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	// list is a settable slice that each element is decoded into in place, grown as append
	// would grow it (reflect.Append would copy the slice header and check the types again for
	// every element).
	var list reflect.Value
	if tv.IsValid() {
		if tv.Kind() != reflect.Slice {
			return nil, errSlowPath
		}
		list = reflect.New(tv.Type()).Elem()
	}
	start := d.pos
	d.pos++ // [
	items := n.items
	if items == nil {
		items = anyNode
	}
	base := len(d.stack)
	for more := d.opens(']'); more; {
		var target reflect.Value
		if list.IsValid() {
			n := list.Len()
			if n == list.Cap() {
				list.Grow(1)
			}
			list.SetLen(n + 1)
			target = list.Index(n)
		}
		v, err := d.value(items, target)
		if err != nil {
			return nil, err
		}
		d.stack = append(d.stack, v)
		var ok bool
		if more, ok = d.separator(']'); !ok {
			return nil, errSlowPath
		}
	}
	elems := d.stack[base:]
	if n.maxItems >= 0 && len(elems) > n.maxItems {
		return nil, errSlowPath
	}
	if list.IsValid() {
		tv.Set(exactSlice(list))
	}
	t := d.sharedTerm(n, start, func() *ast.Term {
		terms := make([]*ast.Term, len(elems))
		copy(terms, elems)
		return d.term(ast.NewArray(terms...))
	})
	clear(elems)
	d.stack = d.stack[:base]
	return t, nil
}

// exactSlice returns list, or a copy of it without the spare capacity appending left: the
// typed snapshot lives for the whole run, and at scale 300 that spare room was about a third
// of its slices (some 25 MB of live heap, twice that in peak RSS once the collector's headroom
// is counted). Nothing keeps the address of an element of list, so the copy can replace it.
// An empty array is an empty slice, not nil, as encoding/json decodes it.
func exactSlice(list reflect.Value) reflect.Value {
	if list.IsNil() {
		return reflect.MakeSlice(list.Type(), 0, 0)
	}
	if list.Cap() == list.Len() {
		return list
	}
	exact := reflect.MakeSlice(list.Type(), list.Len(), list.Len())
	reflect.Copy(exact, list)
	return exact
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

func (d *decoder) stringValue(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	raw, plain, err := d.rawString()
	if err != nil {
		return nil, err
	}
	if tv.IsValid() && tv.Kind() != reflect.String {
		return nil, errSlowPath
	}
	if n.enum != nil {
		t, ok := n.enum[string(raw)]
		if !ok || !plain {
			return nil, errSlowPath
		}
		if tv.IsValid() {
			tv.SetString(string(t.Value.(ast.String)))
		}
		return t, nil
	}
	if t, ok := d.strs[string(raw)]; ok && plain {
		// Seen before, so valid here too if the schema is the same: check it all the same.
		s := string(t.Value.(ast.String))
		if n.pattern != nil && !n.pattern.MatchString(s) || n.dateTime && !validDateTime(s) {
			return nil, errSlowPath
		}
		if tv.IsValid() {
			tv.SetString(s)
		}
		return t, nil
	}
	s, err := d.text(raw, plain)
	if err != nil {
		return nil, err
	}
	if n.pattern != nil && !n.pattern.MatchString(s) || n.dateTime && !validDateTime(s) {
		return nil, errSlowPath
	}
	if tv.IsValid() {
		tv.SetString(s) // the same string as the Rego value's
	}
	t := d.term(ast.String(s))
	if plain && len(s) <= internLimit {
		d.strs[s] = t
	}
	return t, nil
}

// number reads a JSON number. Where the schema wants an integer, only a plain integer that
// fits in 64 bits is taken (the typed decode reads "1.0" or 1e2 differently from the schema).
func (d *decoder) number(n *schemaNode, tv reflect.Value) (*ast.Term, error) {
	start := d.pos
	integer := d.scanNumber()
	if d.pos == start {
		return nil, errSlowPath
	}
	text := string(d.data[start:d.pos])
	switch {
	case integer && n.kinds&(kindInteger|kindNumber) != 0:
		i, err := strconv.ParseInt(text, 10, 64)
		if err != nil || i < n.min || i > n.max || !setNumber(tv, text, i) {
			return nil, errSlowPath
		}
	case !integer && n.kinds&kindNumber != 0 && n.min == math.MinInt64 && n.max == math.MaxInt64:
		if _, err := strconv.ParseFloat(text, 64); err != nil || !setNumber(tv, text, 0) {
			return nil, errSlowPath
		}
	default:
		return nil, errSlowPath
	}
	if t, ok := d.nums[text]; ok {
		return t, nil
	}
	v, err := ast.InterfaceToValue(json.Number(text))
	if err != nil {
		return nil, errSlowPath
	}
	t := d.term(v)
	d.nums[text] = t
	return t, nil
}

// setNumber stores a number (its text, and its value when an integer) in tv as
// encoding/json would, and says whether it could.
func setNumber(tv reflect.Value, text string, i int64) bool {
	if !tv.IsValid() {
		return true
	}
	switch tv.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		if strings.ContainsAny(text, ".eE") || tv.OverflowInt(i) {
			return false
		}
		tv.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return false
		}
		tv.SetFloat(f)
	default:
		return false
	}
	return true
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

// dateTimeSchema is a schema of one date-time string.
var dateTimeSchema = sync.OnceValue(func() *jsonschema.Schema {
	sch, _ := schemagen.Compile("date-time.json", []byte(`{"type": "string", "format": "date-time"}`), true)
	return sch
})

// validDateTime is the JSON-schema validator's own "date-time" format check, so both paths
// agree on every timestamp.
func validDateTime(s string) bool {
	sch := dateTimeSchema()
	return sch != nil && sch.Validate(s) == nil
}
