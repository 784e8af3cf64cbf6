package nftables

import (
	"strings"
	"testing"
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
