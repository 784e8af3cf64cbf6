package awspath

import (
	"context"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

func evalRego(t *testing.T, query string) (any, error) {
	t.Helper()
	Register()
	// The engine evaluates with strict built-in errors, so a failing built-in fails the check.
	rs, err := rego.New(rego.Query("x := "+query), rego.StrictBuiltinErrors(true)).Eval(context.Background())
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, nil
	}
	return rs[0].Bindings["x"], nil
}

// The built-ins answer from Rego as the Go model does.
func TestBuiltinsFromRego(t *testing.T) {
	got, err := evalRego(t, `hybridcheck.aws_tgw_route([{"destination_cidr": "10.200.0.0/16", "type": "propagated", "state": "active", "attachments": [{"attachment_id": "a-vpn", "resource_type": "vpn"}]}, {"destination_cidr": "10.200.0.0/16", "type": "static", "state": "blackhole", "attachments": []}], "10.200.0.0/16", null)[0].status`)
	if err != nil || got != "blackhole" {
		t.Errorf("TGW: %v %v", got, err)
	}
	got, err = evalRego(t, `hybridcheck.aws_vpc_route([{"destination_prefix_list_id": "pl-1", "target_type": "pcx", "target_id": "pcx-1", "state": "active"}], "10.0.0.0/8", [{"id": "pl-1", "entries": [{"cidr": "10.1.0.0/16"}]}])[1].cidr`)
	if err != nil || got != "10.1.0.0/16" {
		t.Errorf("VPC: %v %v", got, err)
	}
	got, err = evalRego(t, `hybridcheck.aws_nacl_allows([{"rule_number": 32767, "egress": false, "protocol": "all", "rule_action": "deny", "cidr_block": "0.0.0.0/0", "from_port": -1, "to_port": -1}], {"direction": "ingress", "protocol": "tcp", "port": 443, "peers": ["10.200.0.0/16"]}).denied[0].rule_number`)
	if err != nil || got == nil {
		t.Errorf("NACL: %v %v", got, err)
	}
	got, err = evalRego(t, `hybridcheck.aws_sg_allows([{"id": "sg-1", "ingress": [{"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "0.0.0.0/1"}, {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "128.0.0.0/1"}], "egress": []}], {"direction": "ingress", "protocol": "all", "peers": ["0.0.0.0/0"]}, null).allowed`)
	if err != nil || got != true {
		t.Errorf("SG: %v %v", got, err)
	}
}

// Bad arguments are an error naming the built-in, never a panic.
func TestBuiltinsRejectBadArguments(t *testing.T) {
	for _, q := range []string{
		`hybridcheck.aws_vpc_route([], "not a cidr", null)`,
		`hybridcheck.aws_tgw_route([{"destination_cidr": "10.0.0.0/33", "type": "static", "state": "active"}], "10.0.0.0/8", null)`,
		`hybridcheck.aws_nacl_allows([], {"direction": "sideways", "protocol": "tcp", "peers": []})`,
		`hybridcheck.aws_sg_allows([], {"direction": "ingress", "protocol": "tcp", "peers": ["x"]}, null)`,
	} {
		_, err := evalRego(t, q)
		if err == nil || !strings.Contains(err.Error(), "hybridcheck.aws_") {
			t.Errorf("%s: %v", q, err)
		}
	}
}
