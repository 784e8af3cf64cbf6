package snapshot

import (
	"reflect"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"
)

// The JSON Schema in snapshots/snapshot.schema.json is generated from the Go types of this
// package, with their doc comments as descriptions, so the two cannot drift:
// TestSchemaIsCurrent fails when the committed file differs, and
// `go test ./internal/snapshot -update` rewrites it. Constraints the types cannot express sit
// in `schema:"..."` struct tags (package schemagen lists them).

// The address patterns, named here for the validation messages of load.go.
var (
	ipv4Pattern = schemagen.IPv4Pattern
	cidrPattern = schemagen.CIDRPattern
)

// GenerateSchema returns the snapshot's JSON Schema (draft 2020-12) as indented JSON; docs are
// this package's doc comments (schemagen.ReadDocs), which become the descriptions.
func GenerateSchema(docs schemagen.Docs) ([]byte, error) {
	return generateSchema(reflect.TypeOf(Snapshot{}), docs, "snapshot",
		"AWS network state, edge device configuration and intent for an EKS Hybrid Nodes cluster, redacted of secrets.")
}

// generateSchema is what the snapshot's and the intent file's schemas share: generated from a
// Go type with docs as descriptions, identified as hybridcheck's schema of that name at this
// SchemaVersion.
func generateSchema(t reflect.Type, docs schemagen.Docs, name, description string) ([]byte, error) {
	root := schemagen.Generate(t, schemagen.Options{Docs: docs})
	root["$id"] = "https://hybridcheck.dev/schemas/" + name + "-" + SchemaVersion + ".json"
	root["title"] = "hybridcheck " + name
	root["description"] = description
	return schemagen.Marshal(root)
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
			name, omitempty := schemagen.JSONName(f)
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
