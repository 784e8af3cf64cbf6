package schemagen

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compiled returns a function that compiles an embedded JSON Schema on its first call and
// gives the same schema, or error, on every call after, so that a loader pays for compiling
// only when it validates. name is the schema's file name (its $id base), what names it in
// errors ("embedded snapshot schema"), and assertFormat makes the format keywords assertions
// rather than annotations.
func Compiled(name, what string, doc []byte, assertFormat bool) func() (*jsonschema.Schema, error) {
	return sync.OnceValues(func() (*jsonschema.Schema, error) {
		parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		c := jsonschema.NewCompiler()
		if assertFormat {
			c.AssertFormat()
		}
		if err := c.AddResource(name, parsed); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		return c.Compile(name)
	})
}
