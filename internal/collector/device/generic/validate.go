package generic

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/schemagen"
	"github.com/hybridcheck/hybridcheck/snapshots"
)

var english = message.NewPrinter(language.English)

// compiledSchema is the embedded generic-device.schema.json, compiled once.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return schemagen.Compile("generic-device.schema.json", snapshots.GenericDeviceSchema, false)
})

// validate checks the decoded file against the generated schema, which states every value
// rule of the format (required fields, enums, address forms, ranges) once, in the Go tags;
// the error is one line naming the field's path and the problem.
func validate(tree any) error {
	sch, err := compiledSchema()
	if err != nil {
		return err
	}
	err = sch.Validate(tree)
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return err
	}
	return describe(deepest(ve))
}

// deepest follows the validator's error tree to the cause that reaches furthest into the
// document, which names the field at fault.
func deepest(ve *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(ve.Causes) > 0 {
		best := ve.Causes[0]
		for _, c := range ve.Causes[1:] {
			if len(c.InstanceLocation) > len(best.InstanceLocation) {
				best = c
			}
		}
		ve = best
	}
	return ve
}

// describe words one failure in the format's own terms (firewall.rules[2].action).
func describe(ve *jsonschema.ValidationError) error {
	path := fieldPath(ve.InstanceLocation)
	switch k := ve.ErrorKind.(type) {
	case *kind.Required:
		return fmt.Errorf("%s: required", join(path, k.Missing[0]))
	case *kind.Enum:
		allowed := make([]string, len(k.Want))
		for i, w := range k.Want {
			allowed[i] = fmt.Sprint(w)
		}
		return fmt.Errorf("%s: unknown value %q (one of %s)", where(path), fmt.Sprint(k.Got), strings.Join(allowed, ", "))
	case *kind.Pattern:
		return fmt.Errorf("%s: %s", where(path), patternProblem(k))
	case *kind.Minimum:
		return fmt.Errorf("%s: %s is below the minimum %s", where(path), k.Got.RatString(), k.Want.RatString())
	case *kind.Maximum:
		return fmt.Errorf("%s: %s is above the maximum %s", where(path), k.Got.RatString(), k.Want.RatString())
	}
	return fmt.Errorf("%s: %s", where(path), errtext.Fold(ve.ErrorKind.LocalizedString(english)))
}

func patternProblem(k *kind.Pattern) string {
	name := schemagen.PatternName(k.Want)
	if name == "" {
		if strings.TrimSpace(k.Got) == "" {
			return "must not be blank"
		}
		return fmt.Sprintf("%q does not match %s", k.Got, k.Want)
	}
	if a, err := netip.ParseAddr(k.Got); err == nil && a.Is6() {
		return fmt.Sprintf("%q is IPv6; %s is required", k.Got, name)
	}
	if p, err := netip.ParsePrefix(k.Got); err == nil && p.Addr().Is6() {
		return fmt.Sprintf("%q is IPv6; %s is required", k.Got, name)
	}
	return fmt.Sprintf("%q is not %s", k.Got, name)
}

// fieldPath turns a JSON pointer's tokens into the format's dotted path: list indexes in
// brackets (the format has no mappings with numeric keys).
func fieldPath(tokens []string) string {
	path := ""
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			path += "[" + t + "]"
			continue
		}
		path = join(path, t)
	}
	return path
}
