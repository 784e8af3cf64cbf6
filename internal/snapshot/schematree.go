package snapshot

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/snapshots"
)

// kindSet is the set of JSON types a schema node allows ("integer" is a number without a
// fraction or exponent).
type kindSet uint8

const (
	kindObject kindSet = 1 << iota
	kindArray
	kindString
	kindNumber
	kindInteger
	kindBoolean
	kindNull
	kindAny kindSet = 1<<7 - 1
)

var kindNames = map[string]kindSet{
	"object": kindObject, "array": kindArray, "string": kindString, "number": kindNumber,
	"integer": kindInteger, "boolean": kindBoolean, "null": kindNull,
}

// schemaNode is one node of snapshots/snapshot.schema.json, compiled for the one-pass decoder
// (decode.go). It knows the handful of keywords the generated schema uses; compiling a schema
// that uses any other keyword fails, and Parse then validates with the full JSON-schema
// validator alone, so the published schema stays the only contract.
type schemaNode struct {
	kinds kindSet
	props map[string]*property
	// required has the bit of every required property.
	required uint64
	// closed: additionalProperties is false; else extra is the schema of other properties
	// (nil: any value).
	closed bool
	extra  *schemaNode
	items  *schemaNode
	// maxItems is -1 when unbounded.
	maxItems int
	// enum maps each allowed string to its Rego term, shared by every occurrence.
	enum     map[string]*ast.Term
	pattern  *regexp.Regexp
	dateTime bool
	// min and max bound integers (math.MinInt64/MaxInt64 when absent).
	min, max int64
	// goType is the Go type the node decodes into (typedbind.go), nil when unbound.
	goType reflect.Type
}

// property is a named property of an object schema: its schema, its name as a Rego term
// (shared by every object that has it: input values are never changed) and its bit among the object's properties.
type property struct {
	node *schemaNode
	key  *ast.Term
	bit  uint64
	// field is the index of the property's field in the object's struct (typedbind.go).
	field int
}

var (
	treeOnce sync.Once
	treeRoot *schemaNode
	treeErr  error
)

// schemaTree is the compiled snapshot schema of the one-pass decoder, or an error when the
// schema uses a keyword the decoder does not implement.
func schemaTree() (*schemaNode, error) {
	treeOnce.Do(func() { treeRoot, treeErr = compileTree(snapshots.Schema) })
	return treeRoot, treeErr
}

func compileTree(schema []byte) (*schemaNode, error) {
	var doc map[string]any
	if err := json.Unmarshal(schema, &doc); err != nil {
		return nil, err
	}
	defs := map[string]*schemaNode{}
	rawDefs, _ := doc["$defs"].(map[string]any)
	for name := range rawDefs {
		defs[name] = &schemaNode{}
	}
	for name, raw := range rawDefs {
		m, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$defs/%s is not an object", name)
		}
		if err := fillNode(defs[name], m, defs); err != nil {
			return nil, fmt.Errorf("$defs/%s: %v", name, err)
		}
	}
	root := &schemaNode{}
	delete(doc, "$defs")
	if err := fillNode(root, doc, defs); err != nil {
		return nil, err
	}
	return root, nil
}

// annotations are keywords that do not constrain a value.
var annotations = map[string]bool{"$id": true, "$schema": true, "title": true, "description": true}

// fillNode compiles one schema object into n. A $ref makes n the referenced definition's node
// (the generated schema never puts other constraints beside a $ref).
func fillNode(n *schemaNode, m map[string]any, defs map[string]*schemaNode) error {
	n.kinds, n.maxItems, n.min, n.max = kindAny, -1, math.MinInt64, math.MaxInt64
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// properties before required, which names them
	sort.Slice(keys, func(i, j int) bool { return keys[i] == "properties" || keys[j] != "properties" && keys[i] < keys[j] })
	for _, k := range keys {
		if err := fillKeyword(n, k, m[k], defs); err != nil {
			return fmt.Errorf("%s: %v", k, err)
		}
	}
	return nil
}

func fillKeyword(n *schemaNode, k string, v any, defs map[string]*schemaNode) error {
	switch k {
	case "type":
		return fillKinds(n, v)
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("not an object")
		}
		if len(props) > 64 {
			return fmt.Errorf("more than 64 properties")
		}
		names := make([]string, 0, len(props))
		for name := range props {
			names = append(names, name)
		}
		sort.Strings(names)
		n.props = make(map[string]*property, len(props))
		for i, name := range names {
			child, err := subNode(props[name], defs)
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			n.props[name] = &property{node: child, key: ast.StringTerm(name), bit: 1 << i}
		}
	case "required":
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("not a list")
		}
		for _, r := range list {
			s, _ := r.(string)
			p := n.props[s]
			if p == nil {
				return fmt.Errorf("%v is not among the properties", r)
			}
			n.required |= p.bit
		}
	case "additionalProperties":
		if b, ok := v.(bool); ok {
			n.closed = !b
			return nil
		}
		child, err := subNode(v, defs)
		n.extra = child
		return err
	case "items":
		child, err := subNode(v, defs)
		n.items = child
		return err
	case "maxItems":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || f < 0 {
			return fmt.Errorf("not a count")
		}
		n.maxItems = int(f)
	case "minimum", "maximum":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return fmt.Errorf("not an integer bound")
		}
		if k == "minimum" {
			n.min = int64(f)
		} else {
			n.max = int64(f)
		}
	case "enum":
		return fillEnum(n, v)
	case "pattern":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		re, err := regexp.Compile(s)
		n.pattern = re
		return err
	case "format":
		if v != "date-time" {
			return fmt.Errorf("format %v is not implemented by the one-pass decoder", v)
		}
		n.dateTime = true
	default:
		if !annotations[k] {
			return fmt.Errorf("keyword not implemented by the one-pass decoder")
		}
	}
	return nil
}

func fillKinds(n *schemaNode, v any) error {
	var names []any
	switch v := v.(type) {
	case string:
		names = []any{v}
	case []any:
		names = v
	}
	n.kinds = 0
	for _, name := range names {
		s, _ := name.(string)
		k, ok := kindNames[s]
		if !ok {
			return fmt.Errorf("unknown type %v", name)
		}
		n.kinds |= k
	}
	if n.kinds == 0 {
		return fmt.Errorf("no type")
	}
	return nil
}

func fillEnum(n *schemaNode, v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("not a list")
	}
	n.enum = make(map[string]*ast.Term, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return fmt.Errorf("only string enums are implemented by the one-pass decoder")
		}
		n.enum[s] = ast.StringTerm(s)
	}
	return nil
}

// subNode compiles a nested schema: a $ref resolves to the shared definition node.
func subNode(v any, defs map[string]*schemaNode) (*schemaNode, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a schema object")
	}
	if ref, has := m["$ref"]; has {
		// A $ref may carry annotations (the generator describes each field where it is
		// used); any other keyword beside it would constrain the value further.
		for k := range m {
			if k != "$ref" && !annotations[k] {
				return nil, fmt.Errorf("$ref beside %s is not implemented by the one-pass decoder", k)
			}
		}
		s, _ := ref.(string)
		name, found := strings.CutPrefix(s, "#/$defs/")
		def, known := defs[name]
		if !found || !known {
			return nil, fmt.Errorf("unresolved $ref %v", ref)
		}
		return def, nil
	}
	n := &schemaNode{}
	return n, fillNode(n, m, defs)
}
