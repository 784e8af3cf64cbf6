package snapshot

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// The JSON Schema in snapshots/snapshot.schema.json is generated from the Go types above, so the
// two cannot drift: TestSchemaIsCurrent fails when the committed file differs, and
// `go test ./internal/snapshot -update` rewrites it. Constraints the types cannot express sit in
// `schema:"..."` struct tags: enum=a|b, cidr, ipv4, items=cidr, pattern=RE, format=F, min=N,
// max=N, maxItems=N.

// ipv4Octet and the patterns below accept only canonical dotted quads (no 300.1.1.1, no /33).
const ipv4Octet = `(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`

var (
	ipv4Pattern = `^` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `$`
	cidrPattern = `^` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `\.` + ipv4Octet + `/(3[0-2]|[12]?[0-9])$`
)

// GenerateSchema returns the snapshot's JSON Schema (draft 2020-12) as indented JSON.
func GenerateSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	root := g.structSchema(reflect.TypeOf(Snapshot{}))
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = "https://hybridcheck.dev/schemas/snapshot-" + SchemaVersion + ".json"
	root["title"] = "hybridcheck snapshot"
	root["description"] = "AWS network state, edge device configuration and intent for an EKS Hybrid Nodes cluster, redacted of secrets."
	root["$defs"] = g.defs
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type schemaGen struct{ defs map[string]any }

func (g *schemaGen) typeSchema(t reflect.Type) map[string]any {
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
		name := t.Name()
		if _, seen := g.defs[name]; !seen {
			g.defs[name] = nil // reserve before recursing
			g.defs[name] = g.structSchema(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.typeSchema(t.Elem())}
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
	panic(fmt.Sprintf("schemagen: unsupported kind %s", t.Kind())) // a programming error, caught by the schema test
}

func (g *schemaGen) structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, omitempty := jsonName(f)
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
		applyTag(s, f.Tag.Get("schema"))
		props[name] = s
		if !omitempty {
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

func jsonName(f reflect.StructField) (string, bool) {
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

// applyTag adds the constraints of a `schema:"..."` tag to a field's schema. For a list
// field, cidr/ipv4 constraints go through items=.
func applyTag(s map[string]any, tag string) {
	if tag == "" {
		return
	}
	for _, part := range strings.Split(tag, ",") {
		key, val, _ := strings.Cut(part, "=")
		switch key {
		case "enum":
			vals := strings.Split(val, "|")
			enum := make([]any, len(vals))
			for i, v := range vals {
				enum[i] = v
			}
			s["enum"] = enum
		case "cidr":
			s["pattern"] = cidrPattern
		case "ipv4":
			s["pattern"] = ipv4Pattern
		case "items":
			if items, ok := s["items"].(map[string]any); ok {
				applyTag(items, val)
			}
		case "pattern":
			s["pattern"] = val
		case "format":
			s["format"] = val
		case "min", "max", "maxItems":
			n, err := strconv.Atoi(val)
			if err != nil {
				panic("schemagen: bad number in tag " + tag)
			}
			s[map[string]string{"min": "minimum", "max": "maximum", "maxItems": "maxItems"}[key]] = n
		default:
			panic("schemagen: unknown schema tag " + key)
		}
	}
}

// fillEmptyLists replaces nil slices in required (non-omitempty) fields with empty ones, so a
// snapshot built in Go always validates against its schema ("[]", never "null").
func fillEmptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			fillEmptyLists(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, omitempty := jsonName(f)
			if name == "" {
				continue
			}
			fv := v.Field(i)
			if fv.Kind() == reflect.Slice && fv.IsNil() && !omitempty && fv.CanSet() {
				fv.Set(reflect.MakeSlice(fv.Type(), 0, 0))
			}
			fillEmptyLists(fv)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			fillEmptyLists(v.Index(i))
		}
	}
}
