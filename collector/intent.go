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

	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"go.yaml.in/yaml/v3"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// MaxIntentSize is the largest intent file read; a real one is a few hundred bytes.
const MaxIntentSize = 1 << 20

// MaxIntentCIDRs is the snapshot schema's maxItems for the remote node and pod CIDR lists,
// checked here so a longer list is refused naming the intent file, not the snapshot written.
const MaxIntentCIDRs = 1024

var (
	maxAgePattern = regexp.MustCompile(`^[0-9]+(s|m|h|d|w)$`)
	intentEnums   = map[string][]string{
		"credential_provider": {"ssm", "iam-roles-anywhere"},
		"connectivity":        {"site-to-site-vpn", "direct-connect", "software-vpn"},
		"software_vpn":        {"ipsec", "openvpn", "wireguard"},
		"routing":             {"static", "bgp"},
		"cni_overlay":         {"none", "vxlan"},
		"target_gateway":      {"vgw", "tgw"},
		"management":          {"palette-saas", "self-hosted", "none"},
	}
)

// LoadIntent reads an intent file (YAML, of which JSON is a subset) and checks every value
// the checks rely on, so that a typo is a one-line error naming the file, line and field
// rather than a check that silently does not apply.
func LoadIntent(path string) (*snapshot.Intent, error) {
	data, err := inputfile.Read(path, MaxIntentSize, "an intent file")
	if err != nil {
		return nil, err
	}
	return ParseIntent(path, data)
}

// ParseIntent is LoadIntent on bytes; name is used in messages.
func ParseIntent(name string, data []byte) (*snapshot.Intent, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: intent file is empty", name)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML or JSON: %s", name, strings.TrimPrefix(oneLine(err), "yaml: "))
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
			return nil, fmt.Errorf("%s: %s", at, oneLine(err))
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
	fields := map[string]bool{}
	t := reflect.TypeOf(snapshot.Intent{})
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
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

func checkIntentValue(field string, v any) error {
	switch field {
	case "remote_node_cidrs", "remote_pod_cidrs":
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want a list of IPv4 CIDRs, got %s", describeValue(v))
		}
		if len(list) > MaxIntentCIDRs {
			return fmt.Errorf("%d CIDRs, over the limit of %d", len(list), MaxIntentCIDRs)
		}
		for _, c := range list {
			s, _ := c.(string)
			if err := checkCIDR(s); err != nil {
				return err
			}
		}
	case "service_cidr":
		s, _ := v.(string)
		return checkCIDR(s)
	case "public_ip":
		s, _ := v.(string)
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address", s)
		}
	case "max_snapshot_age":
		s, _ := v.(string)
		if !maxAgePattern.MatchString(s) {
			return fmt.Errorf("%q is not a duration like 7d, 12h or 2w", fmt.Sprint(v))
		}
	case "hybrid_security_groups":
		if _, ok := v.([]any); !ok {
			return fmt.Errorf("want a list of security group IDs, got %s", describeValue(v))
		}
	}
	if allowed, ok := intentEnums[field]; ok {
		s, _ := v.(string)
		if !slices.Contains(allowed, s) {
			return fmt.Errorf("%q is not one of %s", fmt.Sprint(v), strings.Join(allowed, ", "))
		}
	}
	return nil
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
