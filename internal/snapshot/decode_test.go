package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The one-pass decoder implements every keyword of the shipped schema: were it not to, Parse
// would quietly take the slow path for every snapshot.
func TestOnePassDecoderCompilesTheShippedSchema(t *testing.T) {
	root, err := schemaTree()
	if err != nil {
		t.Fatalf("the one-pass decoder cannot compile snapshots/snapshot.schema.json: %v", err)
	}
	for _, name := range []string{"schema_version", "collected_at", "sources", "tool_version"} {
		if p := root.props[name]; p == nil || root.required&p.bit == 0 {
			t.Errorf("%s is not a required property of the compiled root", name)
		}
	}
	if !root.closed {
		t.Error("the compiled root allows unknown properties")
	}
	if _, err := typedTree(); err != nil {
		t.Errorf("the schema does not bind to the Snapshot type, so the typed form takes a second pass: %v", err)
	}
}

// Binding refuses a Go type the schema does not describe.
func TestBindingRefusesTypesUnlikeTheSchema(t *testing.T) {
	type wrong struct {
		Name int `json:"name"`
	}
	type missing struct {
		Other string `json:"other"`
	}
	type embedded struct {
		missing
		Name string `json:"name"`
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[wrong](), reflect.TypeFor[missing](), reflect.TypeFor[embedded]()} {
		root, err := compileTree([]byte(`{"type": "object", "additionalProperties": false, "properties": {"name": {"type": "string"}}}`))
		if err != nil {
			t.Fatal(err)
		}
		if err := bindTypes(root, typ); err == nil {
			t.Errorf("%s bound to a schema with a string name", typ)
		}
	}
}

// A schema keyword the decoder does not know makes compiling fail (and Parse validate fully)
// instead of being ignored.
func TestOnePassDecoderRefusesUnknownKeywords(t *testing.T) {
	for _, schema := range []string{
		`{"type": "object", "properties": {"a": {"type": "string", "minLength": 2}}}`,
		`{"type": "object", "properties": {"a": {"oneOf": [{"type": "string"}]}}}`,
		`{"type": "object", "properties": {"a": {"type": "string", "format": "ipv4"}}}`,
		`{"type": "object", "properties": {"a": {"enum": [1, 2]}}}`,
		`{"type": "object", "properties": {"a": {"$ref": "#/$defs/B", "type": "object"}}, "$defs": {"B": {}}}`,
		`{"type": "object", "required": ["b"], "properties": {"a": {}}}`,
	} {
		if _, err := compileTree([]byte(schema)); err == nil {
			t.Errorf("compiled %s", schema)
		}
	}
}

// The shipped snapshots and the estates of every size are read in one pass, not by the slow path.
func TestValidSnapshotsTakeTheOnePath(t *testing.T) {
	root, err := schemaTree()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../../snapshots/reference-compliant.json", "../../snapshots/reference-broken.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeDocument(root, data, reflect.Value{}); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		assertAgrees(t, data)
	}
}

// Inputs at the edges of what the decoder takes itself: each either decodes to what the full
// path builds, or is left to the full path, whose verdict Parse then gives word for word.
func TestDecoderAgreesWithTheValidatorAtTheEdges(t *testing.T) {
	valid, err := Marshal(minimal())
	if err != nil {
		t.Fatal(err)
	}
	// fast: the decoder takes the input itself (else the full path decides).
	cases := []struct {
		name, from, to string
		fast           bool
	}{
		{"escaped string", `"test"`, `"te\"st\\\n\u00e9\ud83d\ude00"`, true},
		{"lone surrogate", `"test"`, `"\ud800x"`, true},
		{"non-ASCII text", `"test"`, `"tést ✓"`, true},
		{"invalid UTF-8", `"test"`, "\"t\xffst\"", true},
		{"control character", `"test"`, "\"te\x01st\"", false},
		{"duplicate key", `"tool_version": "test"`, `"tool_version": "a", "tool_version": "test"`, false},
		{"duplicate map key", `"is_default": false`, `"is_default": false, "tags": {"a": "1", "a": "2"}`, false},
		{"open map", `"is_default": false`, `"is_default": false, "tags": {"Name": "x", "b\u0041": "y", "": ""}`, true},
		{"map of wrong type", `"is_default": false`, `"is_default": false, "tags": {"a": 1}`, false},
		{"integer as 1.0", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "ok", "items": 1.0}]`, false},
		{"integer as 1e2", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "ok", "items": 1e2}]`, false},
		{"integer -0", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "ok", "items": -0}]`, true},
		{"integer too large", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "ok", "items": 99999999999999999999}]`, false},
		{"integer leading zero", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "ok", "items": 01}]`, false},
		{"enum miss", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "fine", "items": 1}]`, false},
		{"escaped enum", `"sources": []`, `"sources": [{"id": "a", "kind": "device", "status": "o\u006b", "items": 1}]`, false},
		{"null list", `"sources": []`, `"sources": null`, false},
		{"leap second", `"2026-11-20T10:00:00Z"`, `"2026-12-31T23:59:60Z"`, true},
		{"lower-case date-time", `"2026-11-20T10:00:00Z"`, `"2026-11-20t10:00:00z"`, true},
		{"offset date-time", `"2026-11-20T10:00:00Z"`, `"2026-11-20T10:00:00.123+05:30"`, true},
		{"bad date-time", `"2026-11-20T10:00:00Z"`, `"2026-02-30T10:00:00Z"`, false},
		{"port bounds", `"sources": []`, `"sources": [], "probe": {"results": [{"port": 65536}]}`, false},
		{"trailing garbage", "}\n", "} x\n", false},
		{"trailing value", "}\n", "} {}\n", false},
		{"byte-order mark", "{", "\ufeff{", false},
		{"truncated", "}\n", "", false},
		{"deep nesting in a free-form value", `"sources": []`, `"sources": [], "intent_conflicts": [{"field": "f", "intent": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `, "observed": null, "observed_from": "x"}]`, false},
		{"shallow nesting in a free-form value", `"sources": []`, `"sources": [], "intent_conflicts": [{"field": "f", "intent": ` + strings.Repeat("[", 500) + strings.Repeat("]", 500) + `, "observed": {"a": [1, 2.5, "x", null, false]}, "observed_from": "x"}]`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := strings.Replace(string(valid), c.from, c.to, 1)
			if data == string(valid) {
				t.Fatalf("test case did not change the document (from %q)", c.from)
			}
			root, _ := schemaTree()
			if _, err := decodeDocument(root, []byte(data), reflect.Value{}); (err == nil) != c.fast {
				t.Errorf("decoder takes it itself: %v, want %v (%v)", err == nil, c.fast, err)
			}
			assertAgrees(t, []byte(data))
		})
	}
}

// FuzzDecoderAgreesWithValidator: whatever the one-pass decoder accepts, the JSON-schema
// validator accepts too, and the Rego value and the typed snapshot are the ones the full path
// builds; and Parse says exactly what the full path says. The seeds are small snapshots with
// one of each kind of value (the reference snapshots, 60 KB each, slow the fuzzer to a halt;
// TestValidSnapshotsTakeTheOnePath holds them to the same agreement).
func FuzzDecoderAgreesWithValidator(f *testing.F) {
	addSmallSeeds(f)
	f.Add([]byte(`{"schema_version": "1.1", "tool_version": "t", "collected_at": "2026-11-20T10:00:00Z", "sources": [], "aws": {"vpcs": [{"id": "v", "state": "available", "cidr_blocks": ["10.0.0.0/8"], "is_default": false, "enable_dns_support": null, "enable_dns_hostnames": true}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertAgrees(t, data)
	})
}

// addSmallSeeds adds small snapshots with one of each kind of value as fuzz seeds.
func addSmallSeeds(f *testing.F) {
	s := minimal()
	s.Sources = []Source{{ID: "ec2:DescribeVpcs", Kind: "aws-api", Status: SourceOK, Items: 1, Warnings: []string{"w"}}}
	s.AWS.VPCs[0].Tags = Tags{"Name": "hybrid", "env": "t\\u00e9st"}
	s.IntentConflicts = []IntentConflict{{Field: "vpc_id", Intent: "vpc-1", Observed: []any{1.5, true, nil, map[string]any{"a": "b"}}}}
	s.Probe = &Probe{RunAt: "2026-11-20T10:00:00.5+01:00", Results: []ProbeResult{{Endpoint: "eks", Port: 443, Connected: true, LatencyMS: 12.25}}}
	for _, seed := range []*Snapshot{minimal(), s} {
		if data, err := Marshal(seed); err == nil {
			f.Add(data)
		}
	}
}

// assertAgrees holds the one-pass decoder to the full path on data.
func assertAgrees(t *testing.T, data []byte) {
	t.Helper()
	root, err := schemaTree()
	if err != nil {
		t.Fatal(err)
	}
	v, err := decodeDocument(root, data, reflect.Value{})
	if err != nil && !errors.Is(err, errSlowPath) {
		t.Fatalf("the decoder failed otherwise than by leaving the input to the full path: %v", err)
	}
	if err == nil {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the decoder accepted what is not JSON to the validator: %v", err)
		}
		sch, err := compiledSchema()
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Fatalf("the decoder accepted what the schema refuses: %v", err)
		}
		want, err := ast.InterfaceToValue(doc)
		if err != nil {
			t.Fatal(err)
		}
		if v.Compare(want) != 0 {
			t.Fatalf("the decoder built\n%v\nthe full path\n%v", v, want)
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return // Parse refuses it before either path
	}
	got, gotErr := Parse("fuzz.json", data)
	want, wantErr := parseFull("fuzz.json", data)
	switch {
	case gotErr != nil || wantErr != nil:
		if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
			t.Fatalf("Parse says %v, the full path %v", gotErr, wantErr)
		}
	case got.Value.Compare(want.Value) != 0:
		t.Fatal("Parse and the full path built different Rego values")
	case !reflect.DeepEqual(got.Snapshot, want.Snapshot):
		t.Fatal("Parse and the full path decoded different snapshots")
	default:
		a, errA := Marshal(got.Snapshot)
		b, errB := Marshal(want.Snapshot)
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Fatalf("Parse and the full path decoded different snapshots (%v, %v)", errA, errB)
		}
	}
}

// A snapshot with two faults is told about the same one every time, the first in the document:
// the validator lists the causes of a failure in no fixed order.
func TestTwoFaultsGiveOneStableMessage(t *testing.T) {
	s := minimal()
	s.AWS.VPCs = append(s.AWS.VPCs, VPC{ID: "vpc-2", State: "available", CIDRBlocks: []string{"10.101.0.0/16"}},
		VPC{ID: "vpc-3", State: "available", CIDRBlocks: []string{"10.102.0.0/16"}})
	data, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(strings.Replace(string(data), `"10.102.0.0/16"`, `"10.102.0.0/99"`, 1), `"10.101.0.0/16"`, `"10.101.0.0/99"`, 1)
	for range 20 {
		_, err := Parse("bad.json", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), "field /aws/vpcs/1/cidr_blocks/0:") {
			t.Fatalf("want the fault of the second VPC (the first in the document), got %v", err)
		}
	}
}

// Identical objects, arrays and numbers of a snapshot share one Rego value (the decoder builds
// it once), which is still the value the full path builds; the typed form keeps one Go value
// per occurrence.
func TestIdenticalValuesShareOneTerm(t *testing.T) {
	data, err := os.ReadFile("../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	aws := doc["aws"].(map[string]any)
	groups := aws["security_groups"].([]any)
	twin := map[string]any{}
	for k, v := range groups[0].(map[string]any) {
		twin[k] = v
	}
	twin["id"] = "sg-0ffffffffffffffff"
	aws["security_groups"] = append(groups, twin)
	if data, err = json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	assertAgrees(t, data)
	l, err := Parse("twin.json", data)
	if err != nil {
		t.Fatal(err)
	}
	sgs := l.Value.(ast.Object).Get(ast.StringTerm("aws")).Value.(ast.Object).Get(ast.StringTerm("security_groups")).Value.(*ast.Array)
	first, last := sgs.Elem(0).Value.(ast.Object), sgs.Elem(sgs.Len()-1).Value.(ast.Object)
	if first == last {
		t.Fatal("two security groups with different IDs share one value")
	}
	ingress := ast.StringTerm("ingress")
	if a, b := first.Get(ingress), last.Get(ingress); a != b || a.Value.(*ast.Array).Len() == 0 {
		t.Errorf("the twins' identical ingress rules are two values (%p, %p), want one", a, b)
	}
	rule := first.Get(ingress).Value.(*ast.Array).Elem(0).Value.(ast.Object)
	from, to := rule.Get(ast.StringTerm("from_port")), rule.Get(ast.StringTerm("to_port"))
	if from.Value.Compare(to.Value) != 0 {
		t.Fatalf("the fixture's first ingress rule has from_port %v, to_port %v: want one port", from, to)
	}
	if from != to {
		t.Errorf("the number %v is two terms in one rule, want one", from)
	}
	typed := l.Snapshot.AWS.SecurityGroups
	if a, b := typed[0].Ingress, typed[len(typed)-1].Ingress; len(a) == 0 || &a[0] == &b[0] {
		t.Error("the typed twins share their ingress slice; each occurrence must keep its own Go value")
	}
}
