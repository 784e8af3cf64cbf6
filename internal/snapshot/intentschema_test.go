package snapshot

import (
	"reflect"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

const intentSchemaPath = "../../snapshots/intent.schema.json"

// TestIntentSchemaIsCurrent: snapshots/intent.schema.json is generated from snapshot.Intent and
// its doc comments; `go test ./internal/snapshot -update` rewrites it.
func TestIntentSchemaIsCurrent(t *testing.T) {
	docs := packageDocs(t)
	for _, name := range intentFieldNames() {
		if docs.Fields["Intent"][name] == "" {
			t.Errorf("intent field %s has no doc comment (it is the schema's description)", name)
		}
	}
	want, err := GenerateIntentSchema(docs)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, intentSchemaPath, want, *update, "go test ./internal/snapshot -update")
}

func intentFieldNames() []string {
	var names []string
	t := reflect.TypeOf(Intent{})
	for i := range t.NumField() {
		names = append(names, t.Field(i).Name)
	}
	return names
}
