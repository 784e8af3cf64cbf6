package collector

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// TestIntentDocCoversTheLoader: docs/intent.md has a row for every field the loader accepts
// (and none it does not), and every YAML example in it loads.
func TestIntentDocCoversTheLoader(t *testing.T) {
	doc := testkit.ReadText(t, "../../docs/intent.md")
	rows := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|").FindAllStringSubmatch(doc, -1) {
		rows[m[1]] = true
	}
	for field := range intentFields() {
		if !rows[field] {
			t.Errorf("docs/intent.md has no row for the field %s", field)
		}
	}
	for field := range rows {
		if !intentFields()[field] {
			t.Errorf("docs/intent.md documents %s, which the loader does not accept", field)
		}
	}
	examples := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(doc, -1)
	if len(examples) < 5 {
		t.Fatalf("want an example per connectivity and routing variant, found %d", len(examples))
	}
	seen := map[string]bool{}
	for _, ex := range examples {
		in, err := ParseIntent("docs/intent.md example", []byte(ex[1]))
		if err != nil {
			t.Errorf("example does not load: %v\n%s", err, ex[1])
			continue
		}
		seen[in.Connectivity+"/"+in.Routing] = true
		if in.SoftwareVPN != "" {
			seen["software_vpn"] = true
		}
	}
	for _, variant := range []string{"site-to-site-vpn/static", "site-to-site-vpn/bgp", "direct-connect/bgp", "software-vpn/static", "software_vpn"} {
		if !seen[variant] {
			t.Errorf("no example for %s", variant)
		}
	}
	for field, rule := range intentRules {
		for _, v := range rule.Enum {
			if !strings.Contains(doc, "`"+v+"`") {
				t.Errorf("docs/intent.md does not name the %s value %s", field, v)
			}
		}
	}
}
