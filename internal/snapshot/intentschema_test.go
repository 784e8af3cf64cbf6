package snapshot

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strings"
	"testing"
)

const intentSchemaPath = "../../snapshots/intent.schema.json"

// TestIntentSchemaIsCurrent: snapshots/intent.schema.json is generated from snapshot.Intent and
// its doc comments; `go test ./internal/snapshot -update` rewrites it.
func TestIntentSchemaIsCurrent(t *testing.T) {
	docs := intentFieldDocs(t)
	for _, name := range intentJSONNames() {
		if docs[name] == "" {
			t.Errorf("intent field %s has no doc comment (it is the schema's description)", name)
		}
	}
	want, err := GenerateIntentSchema(docs)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(intentSchemaPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(intentSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date with snapshot.Intent; run: go test ./internal/snapshot -update", intentSchemaPath)
	}
}

// intentFieldDocs reads the doc comment of each field of the Intent struct in snapshot.go,
// keyed by the field's JSON name.
func intentFieldDocs(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "snapshot.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "Intent" {
			return true
		}
		for _, field := range ts.Type.(*ast.StructType).Fields.List {
			if field.Tag == nil || field.Doc == nil {
				continue
			}
			tag := reflect.StructTag(strings.Trim(field.Tag.Value, "`"))
			name, _, _ := strings.Cut(tag.Get("json"), ",")
			docs[name] = strings.Join(strings.Fields(field.Doc.Text()), " ")
		}
		return false
	})
	return docs
}

func intentJSONNames() []string {
	var names []string
	t := reflect.TypeOf(Intent{})
	for i := range t.NumField() {
		name, _ := jsonName(t.Field(i))
		names = append(names, name)
	}
	return names
}
