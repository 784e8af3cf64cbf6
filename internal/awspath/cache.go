package awspath

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// The built-ins are asked the same question about the same snapshot objects many times in one
// evaluation: every route table once per node and pod CIDR and per check, the hybrid security
// groups once per port, direction and check. What they derive from an argument (a route table
// ready for lookups, the prefix lists indexed, the groups decoded) is kept in OPA's built-in
// cache, which belongs to one evaluation of one query and is used by that evaluation's goroutine
// alone, so concurrent evaluations never share it and it is dropped with the evaluation.
//
// Entries are keyed by the identity of the Rego value they were derived from (the pointer of
// the input's array or object). The key holds the value, so it cannot be freed and its address
// reused while the entry lives: two snapshots, or two different arrays of one snapshot, never
// share an entry, and since Rego values are immutable an identical pointer means identical
// content.
type cacheKey struct {
	kind string
	of   any
	with any
}

// identity is a comparable key for a Rego value by identity, or false for values that are not
// cached (scalars other than null are cheap, and refs or calls are never built-in arguments).
func identity(v ast.Value) (any, bool) {
	switch v.(type) {
	case *ast.Array, ast.Object, ast.Null:
		return v, true
	}
	return nil, false
}

// cached returns what derive makes of the value v (and with, a second argument it depends
// on), from the evaluation's cache when it was derived before.
func cached[T any](bctx topdown.BuiltinContext, kind string, v, with ast.Value, derive func() (T, error)) (T, error) {
	of, ok := identity(v)
	w, okWith := identity(with)
	if with == nil {
		w, okWith = nil, true
	}
	if !ok || !okWith || bctx.Cache == nil {
		return derive()
	}
	key := cacheKey{kind, of, w}
	if hit, ok := bctx.Cache.Get(key); ok {
		return hit.(T), nil
	}
	out, err := derive()
	if err != nil {
		return out, err
	}
	bctx.Cache.Put(key, out)
	return out, nil
}

// prefixListsOf is prefixListsArg, once per evaluation and prefix-list array.
func prefixListsOf(bctx topdown.BuiltinContext, v ast.Value) (*PrefixLists, error) {
	return cached(bctx, "prefix_lists", v, nil, func() (*PrefixLists, error) { return prefixListsArg(v) })
}

// routeTable is a route table ready for lookups, with the Rego terms of its routes so that
// answers quote the snapshot's own routes without converting them back.
type routeTable struct {
	table  *Table
	routes []*ast.Term
}

// routeTableOf reads a route table's routes (a Rego array of objects), once per evaluation,
// kind of table and prefix lists.
func routeTableOf(bctx topdown.BuiltinContext, kind string, v, prefixLists ast.Value, pl *PrefixLists, newTable func([]Route, *PrefixLists) (*Table, error)) (routeTable, error) {
	return cached(bctx, kind, v, prefixLists, func() (routeTable, error) {
		arr, ok := v.(*ast.Array)
		if !ok {
			return routeTable{}, fmt.Errorf("routes: want an array, got %s", ast.ValueName(v))
		}
		rt := routeTable{routes: make([]*ast.Term, 0, arr.Len())}
		routes := make([]Route, 0, arr.Len())
		var err error
		arr.Foreach(func(term *ast.Term) {
			if err != nil {
				return
			}
			r, jerr := ast.JSON(term.Value)
			route, ok := r.(map[string]any)
			if jerr != nil || !ok {
				err = fmt.Errorf("routes: route %d is not an object", len(routes))
				return
			}
			routes = append(routes, route)
			rt.routes = append(rt.routes, term)
		})
		if err != nil {
			return routeTable{}, err
		}
		rt.table, err = newTable(routes, pl)
		return rt, err
	})
}

// piecesValue spells decisions as the built-in's pieces, quoting the routes' own terms.
func (rt routeTable) piecesValue(ds []decision) *ast.Term {
	pieces := make([]*ast.Term, 0, len(ds))
	for _, d := range ds {
		routes := make([]*ast.Term, 0, len(d.win))
		for _, c := range d.win {
			routes = append(routes, rt.routes[c.index])
		}
		status := rt.table.status(d)
		reasons := []*ast.Term{}
		if status == "unknown" {
			for _, r := range rt.table.unresolved {
				reasons = append(reasons, ast.StringTerm(r))
			}
		}
		pieces = append(pieces, ast.ObjectTerm(
			ast.Item(ast.StringTerm("cidr"), ast.StringTerm(d.prefix.String())),
			ast.Item(ast.StringTerm("status"), ast.StringTerm(status)),
			ast.Item(ast.StringTerm("routes"), ast.ArrayTerm(routes...)),
			ast.Item(ast.StringTerm("reasons"), ast.ArrayTerm(reasons...)),
		))
	}
	return ast.ArrayTerm(pieces...)
}

// securityGroupsOf decodes an array of security groups, each group once per evaluation: checks
// ask about one group at a time in arrays of their own ([sg]), so the group, not the array, is
// what repeats.
func securityGroupsOf(bctx topdown.BuiltinContext, v ast.Value) ([]SecurityGroup, error) {
	arr, ok := v.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("want an array, got %s", ast.ValueName(v))
	}
	groups := make([]SecurityGroup, 0, arr.Len())
	for i := range arr.Len() {
		elem := arr.Elem(i).Value
		g, err := cached(bctx, "security_group", elem, nil, func() (SecurityGroup, error) {
			var g SecurityGroup
			err := decode(elem, &g)
			return g, err
		})
		if err != nil {
			return nil, fmt.Errorf("group %d: %v", i, err)
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// sgResultValue spells an SGResult as Rego, as its JSON encoding would (a rule's empty
// optional fields left out), without the round trip through JSON.
func sgResultValue(res SGResult) ast.Value {
	matches := ast.NullTerm()
	if res.AllowedBy != nil {
		terms := make([]*ast.Term, 0, len(res.AllowedBy))
		for _, m := range res.AllowedBy {
			terms = append(terms, ast.ObjectTerm(
				ast.Item(ast.StringTerm("security_group_id"), ast.StringTerm(m.SecurityGroupID)),
				ast.Item(ast.StringTerm("rule"), sgRuleTerm(m.Rule)),
				ast.Item(ast.StringTerm("cidrs"), stringsTerm(m.CIDRs)),
			))
		}
		matches = ast.ArrayTerm(terms...)
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("allowed"), ast.BooleanTerm(res.Allowed)),
		ast.Item(ast.StringTerm("allowed_cidrs"), stringsTerm(res.AllowedCIDRs)),
		ast.Item(ast.StringTerm("gaps"), stringsTerm(res.Gaps)),
		ast.Item(ast.StringTerm("allowed_by"), matches),
		ast.Item(ast.StringTerm("unknown"), ast.BooleanTerm(res.Unknown)),
		ast.Item(ast.StringTerm("reasons"), stringsTerm(res.Reasons)),
	)
}

// sgRuleTerm is SGRule's JSON encoding as a Rego object.
func sgRuleTerm(r SGRule) *ast.Term {
	items := [][2]*ast.Term{
		ast.Item(ast.StringTerm("protocol"), ast.StringTerm(r.Protocol)),
		ast.Item(ast.StringTerm("from_port"), ast.IntNumberTerm(r.FromPort)),
		ast.Item(ast.StringTerm("to_port"), ast.IntNumberTerm(r.ToPort)),
	}
	for _, f := range []struct{ key, value string }{
		{"cidr_ipv4", r.CIDRIPv4}, {"cidr_ipv6", r.CIDRIPv6}, {"prefix_list_id", r.PrefixListID},
		{"referenced_group_id", r.ReferencedGroupID}, {"description", r.Description}, {"rule_id", r.RuleID},
	} {
		if f.value != "" {
			items = append(items, ast.Item(ast.StringTerm(f.key), ast.StringTerm(f.value)))
		}
	}
	return ast.ObjectTerm(items...)
}

// stringsTerm is a Rego array of strings; a nil slice is null, as in JSON.
func stringsTerm(ss []string) *ast.Term {
	if ss == nil {
		return ast.NullTerm()
	}
	terms := make([]*ast.Term, 0, len(ss))
	for _, s := range ss {
		terms = append(terms, ast.StringTerm(s))
	}
	return ast.ArrayTerm(terms...)
}
