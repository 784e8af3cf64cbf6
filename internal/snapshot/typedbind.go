package snapshot

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// The schema is generated from the Go types (schemagen.go), so each object schema stands for
// one struct type and each property for one of its fields. bindTypes records that
// correspondence on the compiled schema, and the one-pass decoder then fills the typed
// Snapshot in the same pass that builds the Rego value, the two sharing every string. Should
// the types and the schema ever disagree, binding fails and Parse decodes the typed form
// separately with encoding/json, as before.

var (
	bindOnce sync.Once
	bindErr  error
)

// typedTree is the compiled schema bound to the Snapshot type, or an error when the two do
// not line up.
func typedTree() (*schemaNode, error) {
	root, err := schemaTree()
	if err != nil {
		return nil, err
	}
	bindOnce.Do(func() { bindErr = bindTypes(root, reflect.TypeFor[Snapshot]()) })
	return root, bindErr
}

// bindTypes records on n and below which Go type each node decodes into.
func bindTypes(n *schemaNode, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.goType != nil {
		if n.goType != t {
			return fmt.Errorf("one schema node stands for both %s and %s", n.goType, t)
		}
		return nil
	}
	n.goType = t
	switch t.Kind() {
	case reflect.Struct:
		return bindStruct(n, t)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || len(n.props) > 0 || n.closed || n.extra == nil || n.kinds&^(kindObject|kindNull) != 0 {
			return fmt.Errorf("%s: the schema is not a map of %s", t, t.Elem())
		}
		return bindTypes(n.extra, t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 || n.items == nil || n.kinds&^(kindArray|kindNull) != 0 {
			return fmt.Errorf("%s: the schema is not a list", t)
		}
		return bindTypes(n.items, t.Elem())
	case reflect.Interface:
		if t.NumMethod() != 0 {
			return fmt.Errorf("%s: an interface with methods", t)
		}
		return nil
	}
	want, ok := scalarKinds[t.Kind()]
	if !ok || n.kinds&^(want|kindNull) != 0 || n.props != nil || n.items != nil {
		return fmt.Errorf("%s: the schema allows other values", t)
	}
	return nil
}

// scalarKinds are the JSON types each Go kind of a field may hold.
var scalarKinds = map[reflect.Kind]kindSet{
	reflect.String: kindString, reflect.Bool: kindBoolean,
	reflect.Int: kindInteger, reflect.Int64: kindInteger, reflect.Int32: kindInteger,
	reflect.Float64: kindNumber | kindInteger,
}

func bindStruct(n *schemaNode, t reflect.Type) error {
	if !n.closed || n.kinds&^(kindObject|kindNull) != 0 {
		return fmt.Errorf("%s: the schema is not a closed object", t)
	}
	fields := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return fmt.Errorf("%s: embedded field %s", t, f.Name)
		}
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if strings.Contains(","+opts+",", ",string,") {
			return fmt.Errorf("%s.%s: the ,string option", t, f.Name)
		}
		fields[name] = i
	}
	for name, p := range n.props {
		i, ok := fields[name]
		if !ok {
			return fmt.Errorf("%s: no field for property %s", t, name)
		}
		p.field = i
		if err := bindTypes(p.node, t.Field(i).Type); err != nil {
			return err
		}
	}
	return nil
}
