package snapshot

import (
	"bytes"
	"flag"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

var update = flag.Bool("update", false, "rewrite snapshots/snapshot.schema.json from the Go types")

// The schema ships as snapshots/snapshot.schema.json and, for `opa check -s policies/schemas`
// and the policies' METADATA (schemas: input: schema.snapshot), as policies/schemas/snapshot.json.
var schemaPaths = []string{"../../snapshots/snapshot.schema.json", "../../policies/schemas/snapshot.json"}

func TestSchemaIsCurrent(t *testing.T) {
	docs := packageDocs(t)
	for _, name := range schemaTypeNames(reflect.TypeOf(Snapshot{})) {
		if docs.Types[name] == "" {
			t.Errorf("type %s has no doc comment (it is the schema's description of %s)", name, name)
		}
	}
	want, err := GenerateSchema(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, schemaPath := range schemaPaths {
		golden.Check(t, schemaPath, want, *update, "go test ./internal/snapshot -update")
	}
}

// packageDocs reads this package's doc comments, which the schemas carry as descriptions.
func packageDocs(t *testing.T) schemagen.Docs {
	t.Helper()
	docs, err := schemagen.ReadDocs(".")
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// schemaTypeNames lists the struct types reachable from t, each once: the schema's $defs.
func schemaTypeNames(t reflect.Type) []string {
	seen := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			if seen[t.Name()] {
				return
			}
			seen[t.Name()] = true
			for i := range t.NumField() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(t)
	return slices.Sorted(maps.Keys(seen))
}

func minimal() *Snapshot {
	return &Snapshot{
		SchemaVersion: SchemaVersion,
		ToolVersion:   "test",
		CollectedAt:   "2026-11-20T10:00:00Z",
		AWS: &AWS{
			VPCs: []VPC{{ID: "vpc-1", State: "available", CIDRBlocks: []string{"10.100.0.0/16"}}},
		},
	}
}

func TestMarshalParseRoundTrip(t *testing.T) {
	data, err := Marshal(minimal())
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse("mem.json", data)
	if err != nil {
		t.Fatalf("valid snapshot refused: %v\n%s", err, data)
	}
	if got := l.Snapshot.AWS.VPCs[0].CIDRBlocks[0]; got != "10.100.0.0/16" {
		t.Fatalf("round trip lost the CIDR: %q", got)
	}
	again, _ := Marshal(l.Snapshot)
	if !bytes.Equal(data, again) {
		t.Fatal("marshal is not stable across a round trip")
	}
}

func TestInvalidSnapshotsAreRefusedNamingTheField(t *testing.T) {
	valid, err := Marshal(minimal())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"prefix too long", `"10.100.0.0/16"`, `"10.100.0.0/33"`, "/aws/vpcs/0/cidr_blocks/0"},
		{"octet too large", `"10.100.0.0/16"`, `"300.1.1.1/8"`, "/aws/vpcs/0/cidr_blocks/0"},
		{"ipv6 where ipv4 is required", `"10.100.0.0/16"`, `"2001:db8::/32"`, "/aws/vpcs/0/cidr_blocks/0"},
		{"wrong type", `"is_default": false`, `"is_default": "no"`, "/aws/vpcs/0/is_default"},
		{"unknown field", `"is_default": false`, `"is_default": false, "dns": true`, "/aws/vpcs/0"},
		{"missing required", `"state": "available",`, ``, "/aws/vpcs/0"},
		{"bad date", `"2026-11-20T10:00:00Z"`, `"yesterday"`, "/collected_at"},
		{"unsupported version", `"schema_version": "1.1"`, `"schema_version": "2.0"`, "schema_version"},
		{"duplicate ids", `"vpcs": [`, `"vpcs": [{"id": "vpc-1", "state": "available", "cidr_blocks": [], "is_default": false, "enable_dns_support": null, "enable_dns_hostnames": null},`, "duplicate id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(string(valid), c.from, c.to, 1)
			if bad == string(valid) {
				t.Fatalf("test case did not change the document (from %q)", c.from)
			}
			_, err := Parse("bad.json", []byte(bad))
			if err == nil {
				t.Fatal("invalid snapshot accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "bad.json: ") || !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should be one line naming the file and %q", msg, c.want)
			}
		})
	}
}

func TestNotJSONAndEmpty(t *testing.T) {
	for name, data := range map[string]string{"empty": "", "garbage": "\x00\x01binary", "truncated": `{"schema_version": "1.0", "sources": [`} {
		if _, err := Parse(name, []byte(data)); err == nil || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: want an error naming the input, got %v", name, err)
		}
	}
}

func TestPSKFingerprint(t *testing.T) {
	salt := NewSalt()
	a := PSKFingerprint(salt, "QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV")
	if a != PSKFingerprint(salt, "QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV") {
		t.Fatal("fingerprint is not deterministic for one salt")
	}
	if a == PSKFingerprint(salt, "another-key") || a == PSKFingerprint(NewSalt(), "QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV") {
		t.Fatal("fingerprint does not depend on both key and salt")
	}
	if strings.Contains(a, "QMP5") || len(a) != 64 {
		t.Fatalf("fingerprint %q leaks the key or has the wrong form", a)
	}
	if PSKFingerprint(salt, "") != "" {
		t.Fatal("an absent key must have no fingerprint")
	}
}
