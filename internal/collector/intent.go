package collector

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"go.yaml.in/yaml/v3"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// MaxIntentSize is the largest intent file read; a real one is a few hundred bytes.
const MaxIntentSize = 1 << 20

// intentRule is what the tags of one snapshot.Intent field say about its value.
type intentRule struct {
	schemagen.Constraints
	// list is true for a []string field; matches is the compiled Pattern.
	list    bool
	matches *regexp.Regexp
}

// intentRules are the value rules of every intent field, keyed by its JSON name, read once
// from the json and schema tags of snapshot.Intent: the accepted fields, enums, address
// forms, patterns and list limits are stated there and only there (the intent schema is
// generated from the same tags).
var intentRules = readIntentRules()

func readIntentRules() map[string]intentRule {
	rules := map[string]intentRule{}
	t := reflect.TypeOf(snapshot.Intent{})
	for i := range t.NumField() {
		name, _ := schemagen.JSONName(t.Field(i))
		r := intentRule{Constraints: schemagen.ParseTag(t.Field(i).Tag.Get("schema")), list: t.Field(i).Type.Kind() == reflect.Slice}
		if r.Pattern != "" {
			r.matches = regexp.MustCompile(r.Pattern)
		}
		rules[name] = r
	}
	return rules
}

// Words for messages, where a tag's rule alone would read poorly; they restate no rule.
var (
	intentListNouns      = map[string]string{"hybrid_security_groups": "security group IDs"}
	intentPatternMeaning = map[string]string{"max_snapshot_age": "a duration like 7d, 12h or 2w"}
)

// LoadIntent reads an intent file (YAML, of which JSON is a subset) and checks every value
// the checks rely on, so that a typo is a one-line error naming the file, line and field
// rather than a check that silently does not apply.
func LoadIntent(path string) (*snapshot.Intent, error) {
	return inputfile.Load(path, MaxIntentSize, "an intent file", ParseIntent)
}

// ParseIntent is LoadIntent on bytes; name is used in messages.
func ParseIntent(name string, data []byte) (*snapshot.Intent, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: intent file is empty", name)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML or JSON: %s", name, strings.TrimPrefix(errtext.OneLine(err), "yaml: "))
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the intent must be a mapping of fields (region:, cluster:, remote_node_cidrs: ...)", name)
	}
	if err := singleDocument(name, data); err != nil {
		return nil, err
	}
	m := root.Content[0]
	known := intentFields()
	var in snapshot.Intent
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := fmt.Sprintf("%s: line %d: %s", name, k.Line, k.Value)
		if !known[k.Value] {
			return nil, fmt.Errorf("%s: unknown field (known: %s)", at, strings.Join(slices.Sorted(mapKeys(known)), ", "))
		}
		// A repeated key would silently win over the first: say which value is meant.
		if first, dup := seen[k.Value]; dup {
			return nil, fmt.Errorf("%s: given twice (first on line %d)", at, first)
		}
		seen[k.Value] = k.Line
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, fmt.Errorf("%s: %s", at, errtext.OneLine(err))
		}
		if err := checkIntentValue(k.Value, val); err != nil {
			return nil, fmt.Errorf("%s: %v", at, err)
		}
		// One field at a time through JSON, so a wrong type names its field.
		b, _ := json.Marshal(map[string]any{k.Value: val})
		if err := json.Unmarshal(b, &in); err != nil {
			return nil, fmt.Errorf("%s: wrong type (%s)", at, describeValue(val))
		}
	}
	return &in, nil
}

// singleDocument refuses a second YAML document ("---" and more fields), which yaml.Unmarshal
// would drop without a word.
func singleDocument(name string, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if err := dec.Decode(&first); err != nil {
		return nil
	}
	if err := dec.Decode(&second); err == nil {
		return fmt.Errorf("%s: line %d: a second YAML document; the intent is one document", name, second.Line)
	}
	return nil
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// intentFields are the json names of snapshot.Intent, so the accepted keys follow the model.
func intentFields() map[string]bool {
	fields := make(map[string]bool, len(intentRules))
	for name := range intentRules {
		fields[name] = true
	}
	return fields
}

func describeValue(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case string:
		return "a string"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("%v", v)
}

// checkIntentValue applies the field's tag rules (intentRules) to a decoded YAML value.
func checkIntentValue(field string, v any) error {
	rule := intentRules[field]
	if !rule.list {
		return checkIntentScalar(field, rule, v)
	}
	noun := intentListNouns[field]
	if noun == "" && rule.Items != nil && rule.Items.Pattern == schemagen.CIDRPattern {
		noun = "IPv4 CIDRs"
	}
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want a list of %s, got %s", orWord(noun, "values"), describeValue(v))
	}
	if rule.MaxItems != nil && int64(len(list)) > *rule.MaxItems {
		return fmt.Errorf("%d %s, over the limit of %d", len(list), orWord(noun, "items"), *rule.MaxItems)
	}
	if rule.Items == nil {
		return nil
	}
	items := intentRule{Constraints: *rule.Items}
	if items.Pattern != "" {
		items.matches = regexp.MustCompile(items.Pattern)
	}
	for _, item := range list {
		if err := checkIntentScalar(field, items, item); err != nil {
			return err
		}
	}
	return nil
}

func checkIntentScalar(field string, rule intentRule, v any) error {
	s, _ := v.(string)
	switch {
	case rule.Pattern == schemagen.CIDRPattern:
		return checkCIDR(s)
	case rule.Pattern == schemagen.IPv4Pattern:
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address", s)
		}
	case rule.matches != nil && !rule.matches.MatchString(s):
		return fmt.Errorf("%q is not %s", fmt.Sprint(v), orWord(intentPatternMeaning[field], "of the form "+rule.Pattern))
	}
	if len(rule.Enum) > 0 && !slices.Contains(rule.Enum, s) {
		return fmt.Errorf("%q is not one of %s", fmt.Sprint(v), strings.Join(rule.Enum, ", "))
	}
	return nil
}

func orWord(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkCIDR accepts what the snapshot schema accepts: an IPv4 prefix in canonical dotted form.
func checkCIDR(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return fmt.Errorf("%q is not an IPv4 CIDR (a.b.c.d/n)", s)
	}
	// 10.200.0.1/16 is almost always a typo for a network or a host; checks would compare it
	// as written, so say which network was meant instead of guessing.
	if p.Masked() != p {
		return fmt.Errorf("%q has host bits set; the network is %s", s, p.Masked())
	}
	return nil
}
