package flow

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// NATBuiltinName is how policies ask the NAT model.
const NATBuiltinName = "hybridcheck.device_nat"

// NATBuiltin declares hybridcheck.device_nat(device, flow): what the device's source NAT does to
// a flow, part by part, with the deciding rule (nat.go).
var NATBuiltin = &ast.Builtin{
	Name: NATBuiltinName,
	Description: "Evaluates a device's source NAT for a flow the way the device does (pf: binat then nat, " +
		"first match, no-nat exemptions, automatic outbound NAT; nftables and iptables: postrouting chain " +
		"order, accept and return exemptions), on the interface the device's routing sends each part out " +
		"of, and returns each part translated, not translated or unknown with the deciding rule.",
	Decl: types.NewFunction(
		types.Args(
			types.Named("device", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
				Description("a device of the snapshot (input.devices[_])"),
			types.Named("flow", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
				Description(`{"protocol": "any"|"tcp"|"udp"|"icmp"|number, "port": n, "sources": [cidr], "destinations": [cidr], "internet": bool, "aws": {"cidrs": [cidr], "tunnels": [...]}}`),
		),
		types.Named("result", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))).
			Description(`{"verdict": "translated"|"not_translated"|"partly"|"unknown", "mode", "pieces": [{"sources", "destinations", "protocol", "verdict", "egress", "rule", "reason"}]}`),
	),
}

func deviceNAT(_ topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
	if len(operands) < 2 {
		return fmt.Errorf("%s: want a device and a flow", NATBuiltinName)
	}
	ev, err := evaluators.get(operands[0].Value)
	if err != nil {
		return fmt.Errorf("%s: %v", NATBuiltinName, err)
	}
	f, err := natFlowFromAST(operands[1].Value)
	if err != nil {
		return fmt.Errorf("%s: %v", NATBuiltinName, err)
	}
	res, err := ev.NAT(f)
	if err != nil {
		return fmt.Errorf("%s: %v", NATBuiltinName, err)
	}
	if res.Pieces == nil {
		res.Pieces = []NATPiece{}
	}
	v, err := ast.InterfaceToValue(res)
	if err != nil {
		return fmt.Errorf("%s: %v", NATBuiltinName, err)
	}
	return iter(ast.NewTerm(v))
}

var natFlowFields = map[string]bool{"protocol": true, "port": true, "sources": true, "destinations": true, "internet": true, "aws": true}

func natFlowFromAST(v ast.Value) (NATFlow, error) {
	var f NATFlow
	err := objectFields(v, natFlowFields, "protocol, port, sources, destinations, internet, aws",
		func(key string, val ast.Value) (err error) {
			switch key {
			case "protocol":
				f.Protocol, err = protocolField(val)
			case "port":
				f.Port, err = intField("port", val)
			case "sources":
				f.Sources, err = stringList("sources", val)
			case "destinations":
				f.Destinations, err = stringList("destinations", val)
			case "internet":
				b, ok := val.(ast.Boolean)
				if !ok {
					return fmt.Errorf("flow: internet: want a boolean, got %s", ast.ValueName(val))
				}
				f.Internet = bool(b)
			case "aws":
				f.AWS, err = awsField(val)
			}
			return err
		})
	return f, err
}
