package nftables

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
)

// Issue 13 item 12: a rule with "expr": null and a chain in a table the export never declares
// imported as ok; they are warnings now, so the source is partial and HN-SNAP-01 says so.
func TestDamagedExportsAreWarnedNotOK(t *testing.T) {
	const table = `{"table": {"family": "inet", "name": "filter", "handle": 1}},`
	const chain = `{"chain": {"family": "inet", "table": "filter", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}},`
	for _, c := range []struct{ name, objects, want string }{
		{"expr null", table + chain + `{"rule": {"family": "inet", "table": "filter", "chain": "input", "handle": 4, "expr": null}}`,
			"rule handle 4 in chain inet filter input has no readable statements"},
		{"null statement", table + chain + `{"rule": {"family": "inet", "table": "filter", "chain": "input", "handle": 5, "expr": [null, {"accept": null}]}}`,
			"rule handle 5 in chain inet filter input has no readable statements"},
		{"undeclared table", chain + `{"rule": {"family": "inet", "table": "filter", "chain": "input", "handle": 6, "expr": [{"accept": null}]}}`,
			"chain inet filter input: its table inet filter is not declared"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := `{"nftables": [{"metainfo": {"version": "1.0.9", "json_schema_version": 1}},` + c.objects + `]}`
			dev, warnings, err := Import("r.json", []byte(data), "")
			if err != nil {
				t.Fatal(err)
			}
			validate(t, dev)
			found := false
			for _, w := range warnings {
				found = found || strings.Contains(w, c.want)
			}
			if !found {
				t.Fatalf("warnings %q, want one with %q", warnings, c.want)
			}
		})
	}
}

// Issue 13 item 11: reading stops at the per-export rule limit, as in every format.
func TestRuleLimitStopsReading(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"nftables": [{"table": {"family": "inet", "name": "filter", "handle": 1}},` +
		`{"chain": {"family": "inet", "table": "filter", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}`)
	for i := range device.MaxRules + 1 {
		fmt.Fprintf(&b, `,{"rule": {"family": "inet", "table": "filter", "chain": "input", "handle": %d, "expr": [{"accept": null}]}}`, i+2)
	}
	b.WriteString("]}")
	_, _, err := Import("r.json", []byte(b.String()), "")
	if err == nil || !strings.Contains(err.Error(), "over 50000 rules, the limit per export") {
		t.Fatalf("got %v", err)
	}
}
