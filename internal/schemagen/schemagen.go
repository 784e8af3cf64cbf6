// Package schemagen writes JSON Schemas (draft 2020-12) from Go struct types, so a file format
// is stated once: properties from the json tags, constraints from `schema:"..."` tags, and
// descriptions from the types' doc comments (ReadDocs).
//
// The schema tag holds comma-separated constraints: enum=a|b, cidr, ipv4, pattern=RE,
// format=F, min=N, max=N, maxItems=N, required (with Options.RequiredByTag), and items=C for
// the elements of a list, where C is one constraint or several joined by ';'
// (items=min=0;max=255).
package schemagen

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// ipv4Octet and the patterns below accept only canonical dotted quads (no 300.1.1.1, no /33).
const ipv4Octet = `(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`

// The address patterns of the cidr, ipv4 and cidr-or-address tags; errors name them by
// PatternName.
var (
	IPv4Pattern          = `^` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `$`
	CIDRPattern          = `^` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `/(3[0-2]|[12]?[0-9])$`
	CIDROrAddressPattern = `^` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `(/(3[0-2]|[12]?[0-9]))?$`
)

// PatternName says in words what one of the address patterns accepts ("an IPv4 CIDR"), for
// error messages; "" for any other pattern.
func PatternName(pattern string) string {
	switch pattern {
	case IPv4Pattern:
		return "an IPv4 address"
	case CIDRPattern:
		return "an IPv4 CIDR"
	case CIDROrAddressPattern:
		return "an IPv4 CIDR or address"
	}
	return ""
}

// Schemer is implemented by a type whose JSON takes more than one shape (a port given as 443
// or "2379-2380"); its schema lands in $defs under the type's name.
type Schemer interface {
	JSONSchema() map[string]any
}

// Options shape one schema.
type Options struct {
	// Docs are the doc comments that become descriptions.
	Docs Docs
	// MaxItems, when not 0, bounds every list that has no maxItems of its own.
	MaxItems int
	// RequiredByTag makes a field required only when its schema tag says `required`;
	// otherwise every field without omitempty is required (the snapshot's rule).
	RequiredByTag bool
}

// Generate returns the schema of the struct type root with its nested types in $defs. The
// caller adds $schema, $id, title and, if the root type's doc does not suit, description.
func Generate(root reflect.Type, opts Options) map[string]any {
	g := &generator{opts: opts, defs: map[string]any{}}
	s := g.structSchema(root)
	if d := opts.Docs.Types[root.Name()]; d != "" {
		s["description"] = d
	}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	if len(g.defs) > 0 {
		s["$defs"] = g.defs
	}
	return s
}

// Marshal renders a schema as indented JSON with a final newline, the form checked in.
func Marshal(schema map[string]any) ([]byte, error) {
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type generator struct {
	opts Options
	defs map[string]any
}

var schemerType = reflect.TypeOf((*Schemer)(nil)).Elem()

func (g *generator) typeSchema(t reflect.Type) map[string]any {
	if t.Kind() != reflect.Pointer && (t.Implements(schemerType) || reflect.PointerTo(t).Implements(schemerType)) {
		return g.define(t, func() map[string]any { return reflect.New(t).Interface().(Schemer).JSONSchema() })
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.typeSchema(t.Elem())
		if ty, ok := s["type"].(string); ok {
			s["type"] = []string{ty, "null"}
		} else if ref, ok := s["$ref"]; ok {
			return map[string]any{"anyOf": []any{map[string]any{"$ref": ref}, map[string]any{"type": "null"}}}
		}
		return s
	case reflect.Struct:
		return g.define(t, func() map[string]any { return g.structSchema(t) })
	case reflect.Slice:
		s := map[string]any{"type": "array", "items": g.typeSchema(t.Elem())}
		if g.opts.MaxItems > 0 {
			s["maxItems"] = g.opts.MaxItems
		}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typeSchema(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Interface:
		return map[string]any{}
	}
	panic(fmt.Sprintf("schemagen: unsupported kind %s", t.Kind())) // a programming error, caught by the schema tests
}

// define puts a named type's schema in $defs once, with its doc comment, and refers to it.
func (g *generator) define(t reflect.Type, build func() map[string]any) map[string]any {
	name := t.Name()
	if _, seen := g.defs[name]; !seen {
		g.defs[name] = nil // reserve before recursing
		s := build()
		if d := g.opts.Docs.Types[name]; d != "" {
			s["description"] = d
		}
		g.defs[name] = s
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

func (g *generator) structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, omitempty := JSONName(f)
		if name == "" {
			continue
		}
		ft := f.Type
		if omitempty && ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
			// An omitted optional object is absent, never null; a plain $ref also lets OPA's
			// type checker see the object's fields (it cannot look through anyOf-with-null).
			ft = ft.Elem()
		}
		s := g.typeSchema(ft)
		c := ParseTag(f.Tag.Get("schema"))
		c.apply(s)
		if d := g.opts.Docs.Fields[t.Name()][f.Name]; d != "" {
			s["description"] = d
		}
		props[name] = s
		if g.opts.RequiredByTag && c.Required || !g.opts.RequiredByTag && !omitempty {
			required = append(required, name)
		}
	}
	sort.Strings(required)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// JSONName is the field's name in JSON and whether it is omitted when empty; "" for a field
// encoding/json skips.
func JSONName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" || !f.IsExported() {
		return "", false
	}
	parts := strings.Split(tag, ",")
	name := parts[0]
	if name == "" {
		name = f.Name
	}
	omit := false
	for _, p := range parts[1:] {
		if p == "omitempty" {
			omit = true
		}
	}
	return name, omit
}

// Constraints are what a `schema:"..."` tag states about a value; loaders that check values
// outside a schema validator read them with ParseTag, so each rule is stated once, in the tag.
type Constraints struct {
	Required bool
	Enum     []string
	// Pattern is the regular expression of cidr, ipv4, cidr-or-address or pattern=.
	Pattern  string
	Format   string
	Min, Max *int64
	MaxItems *int64
	// Items constrains the elements of a list (items=).
	Items *Constraints
}

// ParseTag reads a schema tag; an unknown key or a bad number panics, a programming error
// that the schema tests catch.
func ParseTag(tag string) Constraints {
	var c Constraints
	if tag == "" {
		return c
	}
	number := func(val string) *int64 {
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			panic("schemagen: bad number in tag " + tag)
		}
		return &n
	}
	for _, part := range strings.Split(tag, ",") {
		key, val, _ := strings.Cut(part, "=")
		switch key {
		case "required":
			c.Required = true
		case "enum":
			c.Enum = strings.Split(val, "|")
		case "cidr":
			c.Pattern = CIDRPattern
		case "ipv4":
			c.Pattern = IPv4Pattern
		case "cidr-or-address":
			c.Pattern = CIDROrAddressPattern
		case "pattern":
			c.Pattern = val
		case "format":
			c.Format = val
		case "items":
			items := ParseTag(strings.ReplaceAll(val, ";", ","))
			c.Items = &items
		case "min":
			c.Min = number(val)
		case "max":
			c.Max = number(val)
		case "maxItems":
			c.MaxItems = number(val)
		default:
			panic("schemagen: unknown schema tag " + key)
		}
	}
	return c
}

// apply writes the constraints into a value's schema.
func (c Constraints) apply(s map[string]any) {
	if len(c.Enum) > 0 {
		enum := make([]any, len(c.Enum))
		for i, v := range c.Enum {
			enum[i] = v
		}
		s["enum"] = enum
	}
	set := func(key string, v any, ok bool) {
		if ok {
			s[key] = v
		}
	}
	set("pattern", c.Pattern, c.Pattern != "")
	set("format", c.Format, c.Format != "")
	if c.Min != nil {
		s["minimum"] = *c.Min
	}
	if c.Max != nil {
		s["maximum"] = *c.Max
	}
	if c.MaxItems != nil {
		s["maxItems"] = *c.MaxItems
	}
	if items, ok := s["items"].(map[string]any); ok && c.Items != nil {
		c.Items.apply(items)
	}
}
