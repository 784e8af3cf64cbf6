package awspath

import (
	"encoding/json"
	"testing"
)

// FuzzModel feeds arbitrary route tables, ACL entries and security groups (as the snapshot's
// JSON) to the model: it returns an answer or an error, never panics, and a route lookup's
// pieces always tile the asked CIDR.
func FuzzModel(f *testing.F) {
	f.Add(`[{"destination_cidr":"10.0.0.0/8","target_type":"tgw","target_id":"t","state":"blackhole"},{"destination_cidr":"10.200.5.0/24","type":"static","state":"active"}]`, "10.200.0.0/16", 443)
	f.Add(`[{"destination_prefix_list_id":"pl-1","state":"active"}]`, "0.0.0.0/0", 0)
	f.Add(`[{"rule_number":100,"egress":true,"protocol":"-1","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":-1,"to_port":-1}]`, "192.168.0.0/16", 65535)
	f.Fuzz(func(t *testing.T, doc, cidr string, port int) {
		var routes []Route
		if json.Unmarshal([]byte(doc), &routes) == nil {
			for _, newTable := range []func([]Route, *PrefixLists) (*Table, error){NewVPCTable, NewTGWTable} {
				tb, err := newTable(routes, NewPrefixLists(nil))
				if err != nil {
					continue
				}
				pieces, err := tb.Lookup(cidr)
				if err != nil {
					continue
				}
				var cidrs []string
				for _, p := range pieces {
					cidrs = append(cidrs, p.CIDR)
				}
				got, _ := parseSet(cidrs)
				want, _ := parseSet([]string{cidr})
				if len(got.minus(want)) != 0 || len(want.minus(got)) != 0 {
					t.Fatalf("pieces %v do not tile %s", cidrs, cidr)
				}
			}
		}
		var entries []NACLEntry
		if json.Unmarshal([]byte(doc), &entries) == nil {
			_, _ = EvaluateNACL(entries, Traffic{Protocol: "tcp", Peers: []string{cidr}, FromPort: port, ToPort: port})
		}
		var groups []SecurityGroup
		if json.Unmarshal([]byte(doc), &groups) == nil {
			_, _ = EvaluateSGs(groups, Traffic{Protocol: "tcp", Peers: []string{cidr}, FromPort: port, ToPort: port}, nil)
		}
	})
}
