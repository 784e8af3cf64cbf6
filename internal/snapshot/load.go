package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/hybridcheck/hybridcheck/internal/atomicfile"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"
	"github.com/hybridcheck/hybridcheck/internal/schemagen"
	"github.com/hybridcheck/hybridcheck/snapshots"
)

// MaxFileSize is the largest snapshot file hybridcheck reads (documented in the README). The
// scale-100 synthetic estate is far below it; a larger file is almost surely not a snapshot.
const MaxFileSize = 512 << 20

// Loaded is a snapshot that passed validation: the typed form for Go code, and the document
// as a Rego value (numbers as their JSON text), which the engine gives policies as input.
type Loaded struct {
	Path     string
	Snapshot *Snapshot
	Value    ast.Value
}

// Load reads, validates and decodes a snapshot file. Every error names the file.
func Load(path string) (*Loaded, error) {
	return inputfile.Load(path, MaxFileSize, "a snapshot file", Parse)
}

func isString(v any) bool { _, ok := v.(string); return ok }

// Parse validates and decodes snapshot bytes; name is used in error messages.
//
// A valid snapshot is read in one pass (decode.go) that validates it and builds both its
// Rego value and its typed form (typedbind.go); anything that pass leaves aside, every invalid snapshot among it, takes the full path (parseFull), whose
// JSON-schema validator decides and words the error.
func Parse(name string, data []byte) (*Loaded, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: file is empty, not a snapshot", name)
	}
	root, err := schemaTree()
	if err != nil {
		return parseFull(name, data)
	}
	var s Snapshot
	if _, err := typedTree(); err == nil {
		// The schema is bound to the Go types: one pass gives both forms.
		v, verr := decodeDocument(root, data, reflect.ValueOf(&s).Elem())
		if verr != nil {
			return parseFull(name, data)
		}
		return typed(name, &s, v, nil)
	}
	decoded := make(chan error, 1)
	go func() { decoded <- json.Unmarshal(data, &s) }()
	v, verr := decodeDocument(root, data, reflect.Value{})
	derr := <-decoded
	if verr != nil {
		return parseFull(name, data)
	}
	return typed(name, &s, v, derr)
}

// typed finishes a load once the document is known to be valid: the typed decode's error, if
// any, and the checks the schema cannot express.
func typed(name string, s *Snapshot, v ast.Value, derr error) (*Loaded, error) {
	if derr != nil {
		return nil, fmt.Errorf("%s: %v", name, derr)
	}
	if err := checkUniqueIDs(s); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &Loaded{Path: name, Snapshot: s, Value: v}, nil
}

// parseFull decodes the document generically, validates it with the JSON-schema validator and
// decodes it again into the typed form: the reference behaviour of Parse, and its words for
// every invalid snapshot.
func parseFull(name string, data []byte) (*Loaded, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not valid JSON: %s", name, errtext.JSONErrorText(data, err))
	}
	// Say plainly what the file is not before the schema's field-by-field verdict.
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a snapshot: the JSON is not an object with a schema_version", name)
	}
	switch v, has := m["schema_version"]; {
	case !has:
		return nil, fmt.Errorf("%s: not a snapshot: no schema_version (this hybridcheck reads %s)", name, SchemaVersion)
	case !isString(v):
		return nil, fmt.Errorf("%s: schema_version is not a string (this hybridcheck reads %s)", name, SchemaVersion)
	case !strings.HasPrefix(v.(string), "1."):
		return nil, fmt.Errorf("%s: schema_version %q is not supported (this hybridcheck reads %s)", name, v, SchemaVersion)
	}
	sch, err := compiledSchema()
	if err != nil {
		return nil, err
	}
	// The typed decode runs beside the validation, as in Parse. The schema's verdict still
	// comes first: an invalid snapshot is reported by its validation error, and the typed
	// form is only used once the document is known to be valid.
	var s Snapshot
	decoded := make(chan error, 1)
	go func() { decoded <- json.Unmarshal(data, &s) }()
	verr := sch.Validate(doc)
	derr := <-decoded
	if verr != nil {
		var ve *jsonschema.ValidationError
		if errors.As(verr, &ve) {
			return nil, fmt.Errorf("%s: %s", name, describeValidation(ve))
		}
		return nil, fmt.Errorf("%s: %v", name, verr)
	}
	if derr != nil {
		return nil, fmt.Errorf("%s: %v", name, derr)
	}
	v, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return typed(name, &s, v, nil)
}

// Marshal renders a snapshot as its canonical bytes: nil lists become [], two-space indent,
// trailing newline. The same snapshot always gives the same bytes.
func Marshal(s *Snapshot) ([]byte, error) {
	fillEmptyLists(reflect.ValueOf(s))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save validates the snapshot against the schema and writes it atomically with mode 0600, so a
// crash or an invalid snapshot never leaves a file behind that a later check would trust.
func Save(path string, s *Snapshot) error {
	data, err := Marshal(s)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if _, err := Parse(path, data); err != nil {
		return fmt.Errorf("refusing to write an invalid snapshot: %w", err)
	}
	return atomicfile.Write(path, data)
}

var englishPrinter = message.NewPrinter(language.English)

// compiledSchema is the embedded snapshot.schema.json, compiled once.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return schemagen.Compile("snapshot.schema.json", snapshots.Schema, true)
})

// describeValidation turns the validator's error tree into one line: the deepest failing
// location (as a JSON pointer, which names the field) and why.
func describeValidation(ve *jsonschema.ValidationError) string {
	leaf := ve
	for len(leaf.Causes) > 0 {
		// Prefer the cause that reaches deepest into the document; among equals, the first in
		// the document's terms (the validator lists causes in no fixed order, and a snapshot
		// with two faults must be told about the same one every time).
		best := leaf.Causes[0]
		for _, c := range leaf.Causes[1:] {
			if deeperOrFirst(c, best) {
				best = c
			}
		}
		leaf = best
	}
	loc := "/" + strings.Join(leaf.InstanceLocation, "/")
	var msg string
	switch k := leaf.ErrorKind.(type) {
	case *kind.Pattern:
		switch k.Want {
		case cidrPattern:
			msg = fmt.Sprintf("%q is not an IPv4 CIDR (a.b.c.d/n, each part 0-255, n 0-32)", k.Got)
		case ipv4Pattern:
			msg = fmt.Sprintf("%q is not an IPv4 address", k.Got)
		default:
			msg = k.LocalizedString(englishPrinter)
		}
	case *kind.AdditionalProperties:
		// The validator lists the names in map order; a message names them the same way twice.
		sort.Strings(k.Properties)
		msg = k.LocalizedString(englishPrinter)
	case *kind.Required:
		sort.Strings(k.Missing)
		msg = k.LocalizedString(englishPrinter)
	default:
		msg = leaf.ErrorKind.LocalizedString(englishPrinter)
	}
	return fmt.Sprintf("field %s: %s", loc, msg)
}

// deeperOrFirst says whether validation error a is to be reported before b: deeper in the
// document, else at an earlier location (array indexes in number order), else by its words.
func deeperOrFirst(a, b *jsonschema.ValidationError) bool {
	if len(a.InstanceLocation) != len(b.InstanceLocation) {
		return len(a.InstanceLocation) > len(b.InstanceLocation)
	}
	for i, x := range a.InstanceLocation {
		y := b.InstanceLocation[i]
		if x == y {
			continue
		}
		xi, errX := strconv.Atoi(x)
		yi, errY := strconv.Atoi(y)
		if errX == nil && errY == nil {
			return xi < yi
		}
		return x < y
	}
	return a.ErrorKind.LocalizedString(englishPrinter) < b.ErrorKind.LocalizedString(englishPrinter)
}

// checkUniqueIDs refuses snapshots in which two objects of one kind share an ID: policies join
// on IDs, and a duplicate would silently pick one of the two.
func checkUniqueIDs(s *Snapshot) error {
	if s.AWS == nil {
		return nil
	}
	a := s.AWS
	// The kinds are checked in the order of their names, so the first duplicate reported
	// does not depend on the order of the lists in the document.
	lists := map[string][]string{
		"vpcs":             idsOf(a.VPCs, func(v VPC) string { return v.ID }),
		"subnets":          idsOf(a.Subnets, func(v Subnet) string { return v.ID }),
		"route_tables":     idsOf(a.RouteTables, func(v RouteTable) string { return v.ID }),
		"security_groups":  idsOf(a.SecurityGroups, func(v SecurityGroup) string { return v.ID }),
		"vpn_connections":  idsOf(a.VPNConnections, func(v VPNConnection) string { return v.ID }),
		"transit_gateways": idsOf(a.TransitGateways, func(v TransitGateway) string { return v.ID }),
	}
	kinds := make([]string, 0, len(lists))
	for k := range lists {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		seen := map[string]int{}
		for i, id := range lists[kind] {
			if j, dup := seen[id]; dup {
				return fmt.Errorf("field /aws/%s/%d: duplicate id %q (also at index %d)", kind, i, id, j)
			}
			seen[id] = i
		}
	}
	return nil
}

// idsOf lists the ID of each item, in order.
func idsOf[T any](items []T, id func(T) string) []string {
	ids := make([]string, len(items))
	for i, v := range items {
		ids[i] = id(v)
	}
	return ids
}
