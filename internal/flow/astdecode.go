package flow

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// decodeAST fills a Go value from a Rego value by the json tags of its struct fields, reading
// the AST directly: a 5,000-rule device decodes without a JSON round trip. The path of a bad
// value is assembled only on error, so the common case builds no strings.
func decodeAST(v ast.Value, out any) error {
	if err := decodeInto(v, reflect.ValueOf(out).Elem()); err != nil {
		var de *decodeError
		if errors.As(err, &de) {
			return fmt.Errorf("device%s: %s", strings.Join(de.path, ""), de.msg)
		}
		return err
	}
	return nil
}

type decodeError struct {
	path []string
	msg  string
}

func (e *decodeError) Error() string { return strings.Join(e.path, "") + ": " + e.msg }

func (e *decodeError) under(step string) *decodeError {
	e.path = append([]string{step}, e.path...)
	return e
}

var fieldCache sync.Map // reflect.Type -> map[json name]field index

func fieldsOf(t reflect.Type) map[string]int {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]int)
	}
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		fields[name] = i
	}
	fieldCache.Store(t, fields)
	return fields
}

func decodeInto(v ast.Value, rv reflect.Value) error {
	if _, ok := v.(ast.Null); ok {
		rv.Set(reflect.Zero(rv.Type()))
		return nil
	}
	switch rv.Kind() {
	case reflect.Pointer:
		elem := reflect.New(rv.Type().Elem())
		if err := decodeInto(v, elem.Elem()); err != nil {
			return err
		}
		rv.Set(elem)
	case reflect.Struct:
		obj, ok := v.(ast.Object)
		if !ok {
			return typeErr("an object", v)
		}
		fields := fieldsOf(rv.Type())
		var err error
		// Walking the object's own keys costs one map lookup per present field; Get would
		// hash every field name of the struct on every object.
		obj.Until(func(k, val *ast.Term) bool {
			name, ok := k.Value.(ast.String)
			if !ok {
				return false
			}
			i, known := fields[string(name)]
			if !known {
				return false
			}
			if e := decodeInto(val.Value, rv.Field(i)); e != nil {
				err = under(e, "."+string(name))
				return true
			}
			return false
		})
		return err
	case reflect.Slice:
		arr, ok := v.(*ast.Array)
		if !ok {
			return typeErr("an array", v)
		}
		s := reflect.MakeSlice(rv.Type(), arr.Len(), arr.Len())
		for i := 0; i < arr.Len(); i++ {
			if err := decodeInto(arr.Elem(i).Value, s.Index(i)); err != nil {
				return under(err, "["+strconv.Itoa(i)+"]")
			}
		}
		rv.Set(s)
	case reflect.String:
		s, ok := v.(ast.String)
		if !ok {
			return typeErr("a string", v)
		}
		rv.SetString(string(s))
	case reflect.Bool:
		b, ok := v.(ast.Boolean)
		if !ok {
			return typeErr("a boolean", v)
		}
		rv.SetBool(bool(b))
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(ast.Number)
		if !ok {
			return typeErr("a number", v)
		}
		i, ok := n.Int64()
		if !ok {
			return &decodeError{msg: n.String() + " is not an integer"}
		}
		rv.SetInt(i)
	default:
		return &decodeError{msg: "cannot decode into " + rv.Type().String()}
	}
	return nil
}

func under(err error, step string) error {
	if de, ok := err.(*decodeError); ok {
		return de.under(step)
	}
	return err
}

func typeErr(want string, got ast.Value) error {
	return &decodeError{msg: "want " + want + ", got " + ast.ValueName(got)}
}
