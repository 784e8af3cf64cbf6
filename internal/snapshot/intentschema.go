package snapshot

import (
	"encoding/json"
	"reflect"
)

// GenerateIntentSchema returns the JSON Schema of the intent file (snapshots/intent.schema.json),
// from the same Go type and tags as the snapshot's intent, so editors complete and validate
// what the loader accepts. descriptions maps a field's JSON name to its documentation (the
// Go doc comments, read by the test that writes the file).
func GenerateIntentSchema(descriptions map[string]string) ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	root := g.structSchema(reflect.TypeOf(Intent{}))
	props, _ := root["properties"].(map[string]any)
	for name, p := range props {
		if d := descriptions[name]; d != "" {
			p.(map[string]any)["description"] = d
		}
	}
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = "https://hybridcheck.dev/schemas/intent-" + SchemaVersion + ".json"
	root["title"] = "hybridcheck intent"
	root["description"] = "The network design an EKS Hybrid Nodes estate means to follow (docs/intent.md). Every field is optional; what is left out is taken from the collected estate."
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
