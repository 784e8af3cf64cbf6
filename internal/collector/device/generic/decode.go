package generic

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// valueDecoder is implemented by field types that accept more than one JSON shape (a port
// is 443 or "2379-2380").
type valueDecoder interface {
	decodeValue(path string, v any) error
}

// decodeStrict fills dst from a decoded JSON tree, following dst's json tags. Unlike
// encoding/json it names the full path of an unknown field or a wrong type
// ("firewall.rules[2].sorce: unknown field"), and it never echoes a value in a type error,
// so a misplaced pre-shared key cannot leak into a message.
func decodeStrict(path string, v any, dst reflect.Value) error {
	if v == nil {
		return nil
	}
	if dst.CanAddr() {
		if d, ok := dst.Addr().Interface().(valueDecoder); ok {
			return d.decodeValue(path, v)
		}
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return decodeStrict(path, v, dst.Elem())
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want a mapping of fields, got %s", where(path), kindOf(v))
		}
		fields := jsonFields(dst.Type())
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			i, ok := fields[k]
			if !ok {
				return fmt.Errorf("%s: unknown field (known fields: %s)", join(path, k), strings.Join(fieldNames(dst.Type()), ", "))
			}
			if err := decodeStrict(join(path, k), m[k], dst.Field(i)); err != nil {
				return err
			}
			if m[k] == nil {
				// An empty YAML value ("version:") is null: the field is left out, as the
				// decoder leaves it, and the schema sees it absent.
				delete(m, k)
				continue
			}
			m[k] = asDecoded(m[k], dst.Field(i))
		}
		return nil
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want a list, got %s", where(path), kindOf(v))
		}
		if len(list) > maxListItems {
			return fmt.Errorf("%s: %d items, over the limit of %d", where(path), len(list), maxListItems)
		}
		out := reflect.MakeSlice(dst.Type(), len(list), len(list))
		for i, el := range list {
			if err := decodeStrict(fmt.Sprintf("%s[%d]", path, i), el, out.Index(i)); err != nil {
				return err
			}
			list[i] = asDecoded(el, out.Index(i))
		}
		dst.Set(out)
		return nil
	case reflect.String:
		switch s := v.(type) {
		case string:
			dst.SetString(s)
		case json.Number:
			// YAML reads "version: 7.2" as a number; the field is text.
			dst.SetString(s.String())
		default:
			return fmt.Errorf("%s: want a string, got %s", where(path), kindOf(v))
		}
		return nil
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%s: want an integer, got %s", where(path), kindOf(v))
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return fmt.Errorf("%s: want an integer, got %s", where(path), n)
		}
		dst.SetInt(i)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%s: want true or false, got %s", where(path), kindOf(v))
		}
		dst.SetBool(b)
		return nil
	}
	return fmt.Errorf("%s: cannot decode into %s", where(path), dst.Type())
}

// asDecoded is the tree's value as the text field it was decoded into: YAML reads
// "version: 7.2" as a number, the field is text, and the schema then validates the tree in the
// form the importer read it.
func asDecoded(v any, dst reflect.Value) any {
	if n, ok := v.(json.Number); ok && dst.Kind() == reflect.String {
		return n.String()
	}
	return v
}

func jsonFields(t reflect.Type) map[string]int {
	out := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = i
		}
	}
	return out
}

func fieldNames(t reflect.Type) []string {
	names := make([]string, 0, t.NumField())
	for name := range jsonFields(t) {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// join appends a key to a path, quoting keys that are not plain words so that a message stays
// one readable line whatever the file holds.
func join(path, key string) string {
	if key == "" || strings.ContainsFunc(key, func(r rune) bool {
		return !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		return fmt.Sprintf("%s[%q]", path, key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func where(path string) string {
	if path == "" {
		return "the document"
	}
	return path
}

func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return "null"
}
