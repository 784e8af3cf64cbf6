package schemagen

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// example types: a documented struct with every tag form, a nested type and a Schemer.
type (
	// Widget is what the test generates a schema for.
	Widget struct {
		// Name says which widget.
		Name    string   `json:"name" schema:"required,pattern=\\S"`
		Kind    string   `json:"kind,omitempty" schema:"enum=a|b"`
		Address string   `json:"address" schema:"ipv4"`
		Nets    []string `json:"nets" schema:"items=cidr,maxItems=3"`
		Ports   []int    `json:"ports" schema:"items=min=1;max=9"`
		Part    *Part    `json:"part,omitempty"`
		Size    Size     `json:"size"`
		Hidden  string   `json:"-"`
	}
	// Part is nested.
	Part struct {
		Count int `json:"count" schema:"min=0"`
	}
	// Size takes two shapes.
	Size int
)

func (Size) JSONSchema() map[string]any {
	return map[string]any{"anyOf": []any{map[string]any{"type": "integer"}, map[string]any{"type": "string"}}}
}

func generate(t *testing.T, opts Options) map[string]any {
	t.Helper()
	opts.Docs = Docs{
		Types:  map[string]string{"Widget": "Widget is what the test generates a schema for.", "Part": "Part is nested."},
		Fields: map[string]map[string]string{"Widget": {"Name": "Name says which widget."}},
	}
	// The schema as its file holds it: the JSON the tests read, not the Go values.
	var out map[string]any
	if err := json.Unmarshal(testkit.Must(Marshal(Generate(reflect.TypeOf(Widget{}), opts)))(t), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateStatesTagsAndDocs(t *testing.T) {
	s := generate(t, Options{})
	props := s["properties"].(map[string]any)
	prop := func(name string) map[string]any { return props[name].(map[string]any) }
	if s["description"] != "Widget is what the test generates a schema for." {
		t.Errorf("root description %v", s["description"])
	}
	if d := prop("name")["description"]; d != "Name says which widget." {
		t.Errorf("field description %v", d)
	}
	if p := prop("name")["pattern"]; p != `\S` {
		t.Errorf("pattern %v", p)
	}
	if e := prop("kind")["enum"]; !reflect.DeepEqual(e, []any{"a", "b"}) {
		t.Errorf("enum %v", e)
	}
	if p := prop("address")["pattern"]; p != IPv4Pattern {
		t.Errorf("ipv4 pattern %v", p)
	}
	nets := prop("nets")
	if nets["maxItems"] != 3.0 || nets["items"].(map[string]any)["pattern"] != CIDRPattern {
		t.Errorf("nets %v", nets)
	}
	if items := prop("ports")["items"].(map[string]any); items["minimum"] != 1.0 || items["maximum"] != 9.0 {
		t.Errorf("items with two constraints %v", items)
	}
	if _, ok := props["Hidden"]; ok {
		t.Error("a json:\"-\" field is in the schema")
	}
	if ref := prop("part")["$ref"]; ref != "#/$defs/Part" {
		t.Errorf("an omitempty pointer to a struct is a plain $ref, got %v", prop("part"))
	}
	defs := s["$defs"].(map[string]any)
	if d := defs["Part"].(map[string]any)["description"]; d != "Part is nested." {
		t.Errorf("$defs description %v", d)
	}
	if _, ok := defs["Size"].(map[string]any)["anyOf"]; !ok {
		t.Errorf("a Schemer's own schema is used: %v", defs["Size"])
	}
	// Without RequiredByTag every field without omitempty is required.
	if req := s["required"].([]any); !slices.Equal(req, []any{"address", "name", "nets", "ports", "size"}) {
		t.Errorf("required %v", req)
	}
}

func TestRequiredByTag(t *testing.T) {
	s := generate(t, Options{RequiredByTag: true, MaxItems: 10})
	if req := s["required"].([]any); !slices.Equal(req, []any{"name"}) {
		t.Errorf("required %v, want only the tagged field", req)
	}
	props := s["properties"].(map[string]any)
	if m := props["ports"].(map[string]any)["maxItems"]; m != 10.0 {
		t.Errorf("default maxItems %v", m)
	}
	if m := props["nets"].(map[string]any)["maxItems"]; m != 3.0 {
		t.Errorf("a list's own maxItems %v must win over the default", m)
	}
}

func TestUnknownTagIsAProgrammingError(t *testing.T) {
	type bad struct {
		X string `json:"x" schema:"colour=red"`
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "colour") {
			t.Errorf("want a panic naming the tag, got %v", r)
		}
	}()
	Generate(reflect.TypeOf(bad{}), Options{})
}

func TestParseTagAndPatternName(t *testing.T) {
	f, _ := reflect.TypeOf(Widget{}).FieldByName("Kind")
	if got := ParseTag(f.Tag.Get("schema")).Enum; !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Enum %v", got)
	}
	c := ParseTag("items=cidr,maxItems=1024")
	if c.Items == nil || c.Items.Pattern != CIDRPattern || c.MaxItems == nil || *c.MaxItems != 1024 || c.Enum != nil {
		t.Errorf("ParseTag %+v", c)
	}
	if PatternName(CIDRPattern) != "an IPv4 CIDR" || PatternName(`\S`) != "" {
		t.Error("PatternName")
	}
}
