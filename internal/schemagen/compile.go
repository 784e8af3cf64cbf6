package schemagen

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile compiles the JSON schema raw, naming it url (the name its references resolve
// against and errors give). assertFormat makes "format" a constraint (date-time, ipv4, uri):
// the validator's default only annotates it.
func Compile(url string, raw []byte, assertFormat bool) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %v", url, err)
	}
	c := jsonschema.NewCompiler()
	if assertFormat {
		c.AssertFormat()
	}
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %v", url, err)
	}
	return c.Compile(url)
}
