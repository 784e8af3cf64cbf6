package awspath

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// The route built-ins answer from the Rego values as the Go model answers from the decoded
// routes: same pieces, statuses, reasons and routes (quoted from the input, not re-encoded).
func TestRouteBuiltinsAgreeWithLookup(t *testing.T) {
	lists := `[{"id": "pl-1", "entries": [{"cidr": "10.200.64.0/18"}]}, {"id": "pl-2", "entries": null}]`
	tables := []string{
		`[{"destination_cidr": "10.200.0.0/16", "target_type": "vgw", "target_id": "vgw-1", "state": "active", "origin": "EnableVgwRoutePropagation"},
		  {"destination_cidr": "10.200.5.0/24", "target_type": "igw", "target_id": "igw-1", "state": "active", "origin": "CreateRoute"},
		  {"destination_cidr": "10.200.7.128/25", "target_type": "vgw", "target_id": "vgw-1", "state": "blackhole", "origin": "CreateRoute"},
		  {"destination_prefix_list_id": "pl-1", "target_type": "pcx", "target_id": "pcx-1", "state": "active"},
		  {"destination_cidr": "2600::/64", "target_type": "igw", "target_id": "igw-1", "state": "active"}]`,
		`[{"destination_prefix_list_id": "pl-2", "target_type": "vgw", "target_id": "vgw-1", "state": "active"}]`,
		`[{"destination_cidr": "10.0.0.0/8", "type": "static", "state": "active", "attachments": [{"attachment_id": "a-1", "resource_type": "vpn"}]},
		  {"destination_cidr": "10.200.0.0/17", "type": "propagated", "state": "active", "attachments": [{"attachment_id": "a-2", "resource_type": "vpc"}]},
		  {"destination_cidr": "10.200.0.0/17", "type": "propagated", "state": "active", "attachments": [{"attachment_id": "a-3", "resource_type": "vpc"}]},
		  {"destination_cidr": "10.200.128.0/17", "type": "static", "state": "deleted", "attachments": []}]`,
		`[]`,
	}
	var pl []PrefixList
	if err := json.Unmarshal([]byte(lists), &pl); err != nil {
		t.Fatal(err)
	}
	for i, doc := range tables {
		var routes []Route
		if err := json.Unmarshal([]byte(doc), &routes); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name     string
			newTable func([]Route, *PrefixLists) (*Table, error)
		}{{VPCRouteName, NewVPCTable}, {TGWRouteName, NewTGWTable}} {
			for _, cidr := range []string{"10.200.0.0/16", "10.0.0.0/8", "192.168.0.0/16"} {
				tb, err := c.newTable(routes, NewPrefixLists(&pl))
				if err != nil {
					t.Fatal(err)
				}
				pieces, err := tb.Lookup(cidr)
				if err != nil {
					t.Fatal(err)
				}
				want := fixture.JSON(t, pieces)
				got, err := evalRego(t, fmt.Sprintf("%s(%s, %q, %s)", c.name, doc, cidr, lists))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fixture.JSON(t, got), want) {
					t.Errorf("table %d, %s %s:\n built-in %v\n model    %v", i, c.name, cidr, got, want)
				}
			}
		}
	}
}

// Within one evaluation a route table and the prefix lists are read once, however often they
// are asked about; an equal but distinct array, or another evaluation's, is read afresh.
func TestRouteTablesAreReadOncePerEvaluation(t *testing.T) {
	routes := ast.MustParseTerm(`[{"destination_cidr": "10.200.0.0/16", "target_type": "vgw", "target_id": "vgw-1", "state": "active"}]`)
	same := ast.MustParseTerm(routes.String())
	lists := ast.MustParseTerm(`[{"id": "pl-1", "entries": [{"cidr": "10.0.0.0/8"}]}]`)
	reads := 0
	newTable := func(r []Route, pl *PrefixLists) (*Table, error) {
		reads++
		return NewVPCTable(r, pl)
	}
	ask := func(bctx topdown.BuiltinContext, routes *ast.Term, cidr string) {
		t.Helper()
		_, err := routeEval(VPCRouteName, newTable)(bctx, []*ast.Term{routes, ast.StringTerm(cidr), lists})
		if err != nil {
			t.Fatal(err)
		}
	}
	one := topdown.BuiltinContext{Cache: builtins.Cache{}}
	ask(one, routes, "10.200.0.0/16")
	ask(one, routes, "192.168.0.0/16")
	if reads != 1 {
		t.Errorf("one table asked twice in one evaluation was read %d times, want 1", reads)
	}
	ask(one, same, "10.200.0.0/16")
	if reads != 2 {
		t.Errorf("a second array with the same routes was answered from the first one's entry (reads %d, want 2)", reads)
	}
	ask(topdown.BuiltinContext{Cache: builtins.Cache{}}, routes, "10.200.0.0/16")
	if reads != 3 {
		t.Errorf("another evaluation was answered from the first one's cache (reads %d, want 3)", reads)
	}
	ask(topdown.BuiltinContext{}, routes, "10.200.0.0/16")
	if reads != 4 {
		t.Errorf("without a cache the table must be read (reads %d, want 4)", reads)
	}
}

// Evaluations running at the same time, each on its own snapshot, each get their own answers.
func TestConcurrentEvaluationsDoNotShareAnswers(t *testing.T) {
	Register()
	q, err := rego.New(rego.Query(`x := [hybridcheck.aws_vpc_route(input.routes, "10.200.0.0/16", null)[0].routes[0].target_id,
		hybridcheck.aws_sg_allows(input.groups, {"direction": "ingress", "protocol": "tcp", "port": 443, "peers": ["10.200.0.0/16"]}, null).allowed]`)).
		PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			target := fmt.Sprintf("vgw-%d", i)
			cidr := "10.200.0.0/16"
			if i%2 == 1 {
				cidr = "10.201.0.0/16"
			}
			input := map[string]any{
				"routes": []any{map[string]any{"destination_cidr": "10.200.0.0/16", "target_type": "vgw", "target_id": target, "state": "active"}},
				"groups": []any{map[string]any{"id": "sg-1", "ingress": []any{map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": cidr}}, "egress": []any{}}},
			}
			rs, err := q.Eval(context.Background(), rego.EvalInput(input))
			if err != nil {
				errs <- err
				return
			}
			got := rs[0].Bindings["x"].([]any)
			if got[0] != target || got[1] != (i%2 == 0) {
				errs <- fmt.Errorf("evaluation %d got %v, want [%s %v]", i, got, target, i%2 == 0)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Security groups are decoded once per evaluation and groups array: asking the same groups
// about another port answers from the decoded groups, and the answers stay right.
func TestSecurityGroupsAreDecodedOncePerEvaluation(t *testing.T) {
	groups := ast.MustParseTerm(`[{"id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.200.0.0/16"}], "egress": []}]`)
	bctx := topdown.BuiltinContext{Cache: builtins.Cache{}}
	allowed := func(port int) bool {
		t.Helper()
		traffic := ast.MustParseTerm(fmt.Sprintf(`{"direction": "ingress", "protocol": "tcp", "port": %d, "peers": ["10.200.0.0/16"]}`, port))
		out := testkit.Must(sgBuiltin(bctx, []*ast.Term{groups, traffic, ast.NullTerm()}))(t)
		return out.Get(ast.StringTerm("allowed")).Equal(ast.BooleanTerm(true))
	}
	if !allowed(443) || allowed(10250) || !allowed(443) {
		t.Error("want 443 allowed and 10250 not")
	}
	if n := len(bctx.Cache); n != 2 {
		t.Errorf("%d cache entries after three questions about one groups array, want 2 (groups, prefix lists)", n)
	}
}

// The security-group built-in spells its answer as the JSON encoding of SGResult would: empty
// optional rule fields left out, no slice turned from null into [] or back.
func TestSGResultValueIsTheJSONEncoding(t *testing.T) {
	for _, res := range []SGResult{
		{},
		{Allowed: true, AllowedCIDRs: []string{"10.200.0.0/16"}, Gaps: []string{}, Reasons: []string{},
			AllowedBy: []SGMatch{{SecurityGroupID: "sg-1", CIDRs: []string{"10.200.0.0/16"}, Rule: SGRule{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRIPv4: "10.200.0.0/16", Description: "nodes", RuleID: "sgr-1"}}}},
		{Gaps: []string{"0.0.0.0/0"}, Unknown: true, Reasons: []string{"sg-2 rule tcp 443 from pl-1: not collected"}, AllowedBy: []SGMatch{
			{SecurityGroupID: "sg-2", CIDRs: []string{"10.0.0.0/8"}, Rule: SGRule{Protocol: "all", FromPort: -1, ToPort: -1, CIDRIPv6: "::/0", PrefixListID: "pl-1", ReferencedGroupID: "sg-3"}}}},
	} {
		want, err := encode(res)
		if err != nil {
			t.Fatal(err)
		}
		if got := ast.NewTerm(sgResultValue(res)); !got.Equal(want) {
			t.Errorf("built for %+v:\n %v\nwant\n %v", res, got, want)
		}
	}
}
