package awspath

import (
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/hybridcheck/hybridcheck/internal/builtin"
)

// The built-ins every AWS-side check asks, so that each route and filter question is answered
// the same way everywhere (docs/semantics.md, "# AWS", lists the rules they follow).
const (
	VPCRouteName = "hybridcheck.aws_vpc_route"
	TGWRouteName = "hybridcheck.aws_tgw_route"
	NACLName     = "hybridcheck.aws_nacl_allows"
	SGName       = "hybridcheck.aws_sg_allows"
)

const trafficDoc = `{"direction": "ingress"|"egress", "protocol": "tcp"|"udp"|"all"|number, "peers": [cidr], "from_port": n, "to_port": n} (or "port": n)`

// routeBuiltin declares a route built-in: both take a table's routes, a CIDR and the prefix
// lists, and give the CIDR's pieces.
func routeBuiltin(name, description, routesDoc string, newTable func([]Route, *PrefixLists) (*Table, error)) builtin.Func {
	return builtin.Declare(name, description, routeEval(name, newTable),
		builtin.Param("pieces", types.NewArray(nil, types.A), `[{"cidr", "status": "routed"|"blackhole"|"no_route"|"unknown", "routes": [route], "reasons": [text]}]`),
		builtin.Param("routes", types.NewArray(nil, types.A), routesDoc),
		builtin.Param("cidr", types.S, "an IPv4 CIDR"),
		prefixListsParam(),
	)
}

// prefixListsParam is the prefix-list argument of the built-ins that resolve prefix-list
// references.
func prefixListsParam() *types.NamedType {
	return builtin.Param("prefix_lists", types.A, "input.aws.prefix_lists, or null when not collected")
}

var builtinSet = builtin.NewSet(
	routeBuiltin(VPCRouteName,
		"Where a VPC route table sends every address of a CIDR: longest prefix, then local, static, "+
			"prefix-list and propagated routes; the CIDR is split into the pieces that each have one decision.",
		"the route table's routes", NewVPCTable),
	routeBuiltin(TGWRouteName,
		"Where a transit gateway route table sends every address of a CIDR: longest prefix, then static, "+
			"prefix-list, and propagated routes by attachment type; only active and blackhole routes are in force.",
		"the TGW route table's routes", NewTGWTable),
	builtin.Declare(NACLName,
		"Runs one direction of a flow through a network ACL's rules in rule-number order (first match "+
			"decides, no match denies) and returns the denied and passed parts with the deciding rule numbers.",
		naclBuiltin,
		builtin.Param("result", builtin.Object, `{"allowed", "denied": [verdict], "passed": [verdict]}`),
		builtin.Param("entries", types.NewArray(nil, types.A), "the network ACL's entries"),
		builtin.Param("traffic", builtin.Object, trafficDoc),
	),
	builtin.Declare(SGName,
		"Which peer addresses a set of security groups admits for one direction, protocol and port range: "+
			"the union of every rule of every group, prefix lists resolved.",
		sgBuiltin,
		builtin.Param("result", builtin.Object, `{"allowed", "allowed_cidrs", "gaps", "allowed_by", "unknown", "reasons"}`),
		builtin.Param("groups", types.NewArray(nil, types.A), "security groups of the snapshot"),
		builtin.Param("traffic", builtin.Object, trafficDoc),
		prefixListsParam(),
	),
)

// Builtins declares the AWS path model's built-ins for the Rego compiler.
var Builtins = builtinSet.Decls()

// Register makes the built-ins known to the compiler and the evaluator; calling it again is
// harmless.
func Register() { builtinSet.Register() }

// decode turns a Rego value into a Go value through its JSON form.
func decode(v ast.Value, out any) error {
	j, err := ast.JSON(v)
	if err != nil {
		return err
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

func encode(v any) (*ast.Term, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	val, err := ast.ValueFromReader(bytesReader(data))
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}

func prefixListsArg(v ast.Value) (*PrefixLists, error) {
	if _, null := v.(ast.Null); null {
		return NewPrefixLists(nil), nil
	}
	var lists []PrefixList
	if err := decode(v, &lists); err != nil {
		return nil, fmt.Errorf("prefix_lists: %v", err)
	}
	return NewPrefixLists(&lists), nil
}

// routeEval answers the route built-in name on the tables newTable builds.
func routeEval(name string, newTable func([]Route, *PrefixLists) (*Table, error)) builtin.Answer {
	return func(bctx topdown.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
		cidr, ok := ops[1].Value.(ast.String)
		if !ok {
			return nil, fmt.Errorf("cidr: want a string, got %s", ast.ValueName(ops[1].Value))
		}
		pl, err := prefixListsOf(bctx, ops[2].Value)
		if err != nil {
			return nil, err
		}
		rt, err := routeTableOf(bctx, name, ops[0].Value, ops[2].Value, pl, newTable)
		if err != nil {
			return nil, err
		}
		ds, err := rt.table.decide(string(cidr))
		if err != nil {
			return nil, err
		}
		return rt.piecesValue(ds), nil
	}
}

type trafficArg struct {
	Direction string   `json:"direction"`
	Protocol  any      `json:"protocol"`
	Peers     []string `json:"peers"`
	Port      *int     `json:"port"`
	FromPort  *int     `json:"from_port"`
	ToPort    *int     `json:"to_port"`
}

func trafficOf(v ast.Value) (Traffic, error) {
	var a trafficArg
	if err := decode(v, &a); err != nil {
		return Traffic{}, fmt.Errorf("traffic: %v", err)
	}
	if a.Direction != "ingress" && a.Direction != "egress" {
		return Traffic{}, fmt.Errorf("traffic: direction must be ingress or egress, not %q", a.Direction)
	}
	t := Traffic{Egress: a.Direction == "egress", Protocol: fmt.Sprint(a.Protocol), Peers: a.Peers, FromPort: -1, ToPort: -1}
	if f, ok := a.Protocol.(float64); ok {
		t.Protocol = fmt.Sprint(int(f))
	}
	switch {
	case a.Port != nil:
		t.FromPort, t.ToPort = *a.Port, *a.Port
	case a.FromPort != nil && a.ToPort != nil:
		t.FromPort, t.ToPort = *a.FromPort, *a.ToPort
	}
	return t, nil
}

func naclBuiltin(_ topdown.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
	var entries []NACLEntry
	if err := decode(ops[0].Value, &entries); err != nil {
		return nil, fmt.Errorf("entries: %v", err)
	}
	t, err := trafficOf(ops[1].Value)
	if err != nil {
		return nil, err
	}
	res, err := EvaluateNACL(entries, t)
	if err != nil {
		return nil, err
	}
	return encode(res)
}

func sgBuiltin(bctx topdown.BuiltinContext, ops []*ast.Term) (*ast.Term, error) {
	groups, err := securityGroupsOf(bctx, ops[0].Value)
	if err != nil {
		return nil, fmt.Errorf("groups: %v", err)
	}
	t, err := trafficOf(ops[1].Value)
	if err != nil {
		return nil, err
	}
	pl, err := prefixListsOf(bctx, ops[2].Value)
	if err != nil {
		return nil, err
	}
	res, err := EvaluateSGs(groups, t, pl)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(sgResultValue(res)), nil
}
