package snapshot

import (
	"reflect"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"
)

// GenerateIntentSchema returns the JSON Schema of the intent file (snapshots/intent.schema.json),
// from the same Go type and tags as the snapshot's intent, so editors complete and validate
// what the loader accepts. docs are this package's doc comments (schemagen.ReadDocs); the
// Intent fields' comments are the descriptions.
func GenerateIntentSchema(docs schemagen.Docs) ([]byte, error) {
	return generateSchema(reflect.TypeOf(Intent{}), docs, "intent",
		"The network design an EKS Hybrid Nodes estate means to follow (docs/intent.md). Every field is optional; what is left out is taken from the collected estate.")
}
