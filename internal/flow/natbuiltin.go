package flow

import (
	"github.com/hybridcheck/hybridcheck/internal/builtin"
	"github.com/open-policy-agent/opa/v1/ast"
)

// NATBuiltinName is how policies ask the NAT model.
const NATBuiltinName = "hybridcheck.device_nat"

// natBuiltin is hybridcheck.device_nat(device, flow): what the device's source NAT does to
// a flow, part by part, with the deciding rule (nat.go).
var natBuiltin = builtin.Declare(NATBuiltinName,
	"Evaluates a device's source NAT for a flow the way the device does (pf: binat then nat, "+
		"first match, no-nat exemptions, automatic outbound NAT; nftables and iptables: postrouting chain "+
		"order, accept and return exemptions), on the interface the device's routing sends each part out "+
		"of, and returns each part translated, not translated or unknown with the deciding rule.",
	deviceQuery("a flow", natFlowFromAST, func(ev *Evaluator, f NATFlow) (*NATResult, error) {
		res, err := ev.NAT(f)
		if err == nil && res.Pieces == nil {
			res.Pieces = []NATPiece{} // an empty list, not null, for policies to iterate
		}
		return res, err
	}, asJSON),
	builtin.Param("result", builtin.Object, `{"verdict": "translated"|"not_translated"|"partly"|"unknown", "mode", "pieces": [{"sources", "destinations", "protocol", "verdict", "egress", "rule", "reason"}]}`),
	deviceParam(),
	builtin.Param("flow", builtin.Object, `{"protocol": "any"|"tcp"|"udp"|"icmp"|number, "port": n, "sources": [cidr], "destinations": [cidr], "internet": bool, "aws": {"cidrs": [cidr], "tunnels": [...]}}`),
)

func natFlowFromAST(v ast.Value) (NATFlow, error) {
	var f NATFlow
	err := readFields(v, append(sharedFields(&f.Protocol, &f.Port, &f.Sources, &f.Destinations, &f.AWS),
		field("internet", &f.Internet, boolField),
	)...)
	return f, err
}
