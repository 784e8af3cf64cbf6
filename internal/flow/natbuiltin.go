package flow

import (
	"fmt"
	"reflect"

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
	obj, ok := v.(ast.Object)
	if !ok {
		return f, fmt.Errorf("flow: want an object, got %s", ast.ValueName(v))
	}
	var err error
	obj.Until(func(k, val *ast.Term) bool {
		ks, ok := k.Value.(ast.String)
		if !ok || !natFlowFields[string(ks)] {
			err = fmt.Errorf("flow: unknown field %v (want protocol, port, sources, destinations, internet, aws)", k)
			return true
		}
		switch string(ks) {
		case "protocol":
			switch p := val.Value.(type) {
			case ast.String:
				f.Protocol = string(p)
			case ast.Number:
				f.Protocol = p.String()
			default:
				err = fmt.Errorf("flow: protocol: want a string or number, got %s", ast.ValueName(val.Value))
			}
		case "port":
			f.Port, err = intField("port", val.Value)
		case "sources":
			f.Sources, err = stringList("sources", val.Value)
		case "destinations":
			f.Destinations, err = stringList("destinations", val.Value)
		case "internet":
			b, ok := val.Value.(ast.Boolean)
			if !ok {
				err = fmt.Errorf("flow: internet: want a boolean, got %s", ast.ValueName(val.Value))
			}
			f.Internet = bool(b)
		case "aws":
			if _, null := val.Value.(ast.Null); null {
				break
			}
			var ctx AWSContext
			if derr := decodeInto(val.Value, reflect.ValueOf(&ctx).Elem()); derr != nil {
				err = fmt.Errorf("flow: aws%v", derr)
				break
			}
			f.AWS = &ctx
		}
		return err != nil
	})
	return f, err
}
