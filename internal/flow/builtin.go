package flow

import (
	"container/list"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hybridcheck/hybridcheck/internal/builtin"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/types"
)

// BuiltinName is how policies call the evaluator.
const BuiltinName = "hybridcheck.device_allows"

// allowsBuiltin is hybridcheck.device_allows(device, flow): the device's firewall on a whole flow.
var allowsBuiltin = builtin.Declare(BuiltinName,
	"Evaluates a whole flow (every source CIDR to every destination CIDR or name, on one "+
		"protocol and port) against a device's firewall the way the device does, and returns "+
		"whether it is allowed, the rules that pass it, and each blocked part with the rule or "+
		"default that blocks it.",
	deviceQuery("a flow", flowFromAST, (*Evaluator).Evaluate, func(r *Result) (ast.Value, error) { return r.AST(), nil }),
	builtin.Param("result", builtin.Object, `{"allowed", "partially_allowed", "allowed_by", "blocked", "passed", "unknown", "routing", "ingress_interface", "notes"}`),
	deviceParam(),
	builtin.Param("flow", builtin.Object, `{"protocol": "tcp"|"udp"|"icmp"|"esp"|number, "sources": [cidr], "destinations": [cidr], "port": n, "icmp_type": n, "destination_names": [fqdn], "destination_ranges": {fqdn: [cidr]}, "aws": {"cidrs": [cidr], "tunnels": [{"outside_address", "aws_inside_address", "customer_inside_address", "aws_asn", "customer_asn"}]}}`),
)

// RoutesBuiltinName is how policies ask where the device routes the AWS prefixes.
const RoutesBuiltinName = "hybridcheck.device_routes"

// routesBuiltin is hybridcheck.device_routes(device, aws): for each AWS prefix, the parts
// of it and the interface the device sends each through, derived the way the evaluator
// places flows (IPsec selectors, routing table with BGP from the AWS tunnels, default route).
var routesBuiltin = builtin.Declare(RoutesBuiltinName,
	"Derives where a device routes each AWS prefix: IPsec phase 2 selectors first, then "+
		"connected networks, static routes and routes learned over BGP from the AWS tunnels' inside "+
		"addresses by longest prefix, then the default route; parts it cannot place are undetermined.",
	deviceQuery("the AWS side", awsArg, func(ev *Evaluator, ctx AWSContext) ([]AWSRoute, error) {
		routes := ev.AWSRoutes(&ctx)
		if routes == nil {
			routes = []AWSRoute{} // an empty list, not null, for policies to count and iterate
		}
		return routes, nil
	}, asJSON),
	builtin.Param("routes", types.NewArray(nil, types.A), `[{"cidr", "parts": [{"cidrs", "interface", "via", "vpn", "reason"}]}]`),
	deviceParam(),
	builtin.Param("aws", builtin.Object, `{"cidrs": [cidr], "tunnels": [{"outside_address", "aws_inside_address", "customer_inside_address", "aws_asn", "customer_asn"}]}`),
)

// deviceParam is the first argument of every built-in of this package.
func deviceParam() *types.NamedType {
	return builtin.Param("device", builtin.Object, "a device of the snapshot (input.devices[_])")
}

var builtinSet = builtin.NewSet(allowsBuiltin, routesBuiltin, natBuiltin, lookupBuiltin)

// Builtins are every built-in of this package, for the engine's capabilities.
var Builtins = builtinSet.Decls()

// Register makes the built-ins known to the compiler (so rego.New, opa check with the
// capabilities and the policy tester accept them) and to the evaluator. Calling it again is
// harmless.
func Register() { builtinSet.Register() }

// deviceQuery answers a built-in that asks the evaluator of its first argument, a device,
// about its second, read by arg (want names it when it is missing). render makes the answer
// the Rego value policies read: asJSON, or a renderer of the answer's own.
func deviceQuery[A, R any](want string, arg func(ast.Value) (A, error), ask func(*Evaluator, A) (R, error), render func(R) (ast.Value, error)) builtin.Answer {
	return func(_ topdown.BuiltinContext, operands []*ast.Term) (*ast.Term, error) {
		if len(operands) < 2 {
			return nil, fmt.Errorf("want a device and %s", want)
		}
		ev, err := evaluators.get(operands[0].Value)
		if err != nil {
			return nil, err
		}
		a, err := arg(operands[1].Value)
		if err != nil {
			return nil, err
		}
		res, err := ask(ev, a)
		if err != nil {
			return nil, err
		}
		v, err := render(res)
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(v), nil
	}
}

// asJSON renders an answer as its JSON-shaped Rego value (through its json tags).
func asJSON[R any](res R) (ast.Value, error) { return ast.InterfaceToValue(res) }

// awsArg reads the AWS side device_routes places.
func awsArg(v ast.Value) (AWSContext, error) {
	var ctx AWSContext
	if err := decodeInto(v, reflect.ValueOf(&ctx).Elem()); err != nil {
		return ctx, fmt.Errorf("aws%v", err)
	}
	return ctx, nil
}

// evaluatorCache keeps the last few compiled devices. A policy asks about dozens of flows per
// device and the engine may run one query per check, so the cache outlives a single query.
// It is keyed by the device value's hash (which OPA keeps up to date on objects, so reading
// it costs nothing) and confirmed by identity or, failing that, by comparison.
type evaluatorCache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	byKey map[int][]*list.Element
}

type cachedEvaluator struct {
	hash  int
	value ast.Object
	// ready is closed once ev and err are set: callers on other goroutines that ask about
	// the same device meanwhile wait for the one compilation instead of repeating it.
	ready chan struct{}
	ev    *Evaluator
	err   error
}

var evaluators = &evaluatorCache{max: 16, order: list.New(), byKey: map[int][]*list.Element{}}

// ResetEvaluatorCache forgets every compiled device, so a benchmark pays what each CLI run pays.
func ResetEvaluatorCache() {
	evaluators.mu.Lock()
	defer evaluators.mu.Unlock()
	evaluators.order.Init()
	evaluators.byKey = map[int][]*list.Element{}
}

// EvaluatorFor compiles a device given as a Rego value (a device of the snapshot, as policies
// pass it to hybridcheck.device_allows) through the built-in's cache: other built-ins that
// ask about the same device value share one compiled evaluator with the firewall checks.
// The evaluator is safe for concurrent use.
func EvaluatorFor(device ast.Value) (*Evaluator, error) { return evaluators.get(device) }

func (c *evaluatorCache) get(v ast.Value) (*Evaluator, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("device: want an object, got %s", ast.ValueName(v))
	}
	h := obj.Hash()
	c.mu.Lock()
	for _, el := range c.byKey[h] {
		ce := el.Value.(*cachedEvaluator)
		if ce.value == obj || ce.value.Compare(obj) == 0 {
			// Keep the value just seen: the next call of this evaluation passes the same
			// object and then matches by identity, without a deep comparison.
			ce.value = obj
			c.order.MoveToFront(el)
			c.mu.Unlock()
			<-ce.ready
			return ce.ev, ce.err
		}
	}
	ce := &cachedEvaluator{hash: h, value: obj, ready: make(chan struct{})}
	c.byKey[h] = append(c.byKey[h], c.order.PushFront(ce))
	c.evict()
	c.mu.Unlock()

	if dev := typedDevices.Get(obj); dev != nil {
		ce.ev, ce.err = NewEvaluator(dev)
	} else {
		var dev snapshot.Device
		if ce.err = decodeAST(obj, &dev); ce.err == nil {
			ce.ev, ce.err = NewEvaluator(&dev)
		}
	}
	close(ce.ready)
	return ce.ev, ce.err
}

// typedDevices are the devices whose typed form the caller already holds (ShareDevice).
var typedDevices builtin.Shared[snapshot.Device]

// ShareDevice tells the cache that the Rego value v was converted from dev (a device of the
// loaded snapshot the engine evaluates): compiling that value then reads dev instead of
// decoding the value again, until release is called. Keyed by identity, so only that very
// value (the one policies read from input.devices) is compiled from dev; dev is only read.
func ShareDevice(v ast.Value, dev *snapshot.Device) (release func()) {
	return typedDevices.Share(v, dev)
}

// evict drops the least recently used devices past the cache's size (c.mu held).
func (c *evaluatorCache) evict() {
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		oh := old.Value.(*cachedEvaluator).hash
		els := c.byKey[oh]
		for i, el := range els {
			if el == old {
				els = append(els[:i], els[i+1:]...)
				break
			}
		}
		if len(els) == 0 {
			delete(c.byKey, oh)
		} else {
			c.byKey[oh] = els
		}
	}
}

func flowFromAST(v ast.Value) (Flow, error) {
	var f Flow
	err := readFields(v, append(sharedFields(&f.Protocol, &f.Port, &f.Sources, &f.Destinations, &f.AWS),
		field("icmp_type", &f.ICMPType, optionalIntField),
		field("destination_names", &f.DestinationNames, stringList),
		field("destination_ranges", &f.DestinationRanges, rangesField),
	)...)
	return f, err
}

// sharedFields are the fields a filter flow (device_allows) and a NAT flow
// (device_nat) have in common, read alike so that one flow object reads the same in each.
func sharedFields(protocol *string, port *int, sources, destinations *[]string, aws **AWSContext) []flowField {
	return []flowField{
		field("protocol", protocol, protocolField),
		field("port", port, intField),
		field("sources", sources, stringList),
		field("destinations", destinations, stringList),
		field("aws", aws, awsField),
	}
}

// flowField is one field a flow object may have and how to read it into its place.
type flowField struct {
	name string
	read func(ast.Value) error
}

// field reads the field name of a flow object into dst with read (which names the field in
// its messages).
func field[T any](name string, dst *T, read func(field string, v ast.Value) (T, error)) flowField {
	return flowField{name, func(v ast.Value) (err error) {
		*dst, err = read(name, v)
		return err
	}}
}

// readFields reads every field of the flow object v with the reader of its name, refusing a
// field none reads (the message lists those that are read); the first error stops the walk.
func readFields(v ast.Value, fields ...flowField) error {
	obj, ok := v.(ast.Object)
	if !ok {
		return fmt.Errorf("flow: want an object, got %s", ast.ValueName(v))
	}
	var err error
	obj.Until(func(k, val *ast.Term) bool {
		ks, _ := k.Value.(ast.String)
		i := slices.IndexFunc(fields, func(f flowField) bool { return f.name == string(ks) })
		if i < 0 {
			names := make([]string, len(fields))
			for j, f := range fields {
				names[j] = f.name
			}
			err = fmt.Errorf("flow: unknown field %v (want %s)", k, strings.Join(names, ", "))
			return true
		}
		err = fields[i].read(val.Value)
		return err != nil
	})
	return err
}

// protocolField reads a protocol given as a name or a number.
func protocolField(field string, v ast.Value) (string, error) {
	switch p := v.(type) {
	case ast.String:
		return string(p), nil
	case ast.Number:
		return p.String(), nil
	}
	return "", fmt.Errorf("flow: %s: want a string or number, got %s", field, ast.ValueName(v))
}

// awsField reads the flow's AWS context; null means none.
func awsField(field string, v ast.Value) (*AWSContext, error) {
	if _, null := v.(ast.Null); null {
		return nil, nil
	}
	var ctx AWSContext
	if err := decodeInto(v, reflect.ValueOf(&ctx).Elem()); err != nil {
		return nil, fmt.Errorf("flow: %s%v", field, err)
	}
	return &ctx, nil
}

// rangesField reads {name: [cidr]}.
func rangesField(field string, v ast.Value) (map[string][]string, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("flow: %s: want an object of name to CIDRs, got %s", field, ast.ValueName(v))
	}
	out := map[string][]string{}
	var err error
	obj.Until(func(k, val *ast.Term) bool {
		name, ok := k.Value.(ast.String)
		if !ok {
			err = fmt.Errorf("flow: %s: key %v is not a name", field, k)
			return true
		}
		out[string(name)], err = stringList(field+"["+string(name)+"]", val.Value)
		return err != nil
	})
	return out, err
}

// stringList accepts arrays and sets (a policy's set of CIDRs is the natural argument).
func stringList(field string, v ast.Value) ([]string, error) {
	var terms []*ast.Term
	switch x := v.(type) {
	case *ast.Array:
		for i := 0; i < x.Len(); i++ {
			terms = append(terms, x.Elem(i))
		}
	case ast.Set:
		x.Foreach(func(t *ast.Term) { terms = append(terms, t) })
	default:
		return nil, fmt.Errorf("flow: %s: want an array of strings, got %s", field, ast.ValueName(v))
	}
	out := make([]string, 0, len(terms))
	for i, t := range terms {
		s, ok := t.Value.(ast.String)
		if !ok {
			return nil, fmt.Errorf("flow: %s[%d]: want a string, got %s", field, i, ast.ValueName(t.Value))
		}
		out = append(out, string(s))
	}
	sort.Strings(out)
	return out, nil
}

func intField(field string, v ast.Value) (int, error) {
	n, ok := v.(ast.Number)
	if !ok {
		return 0, fmt.Errorf("flow: %s: want a number, got %s", field, ast.ValueName(v))
	}
	i, ok := n.Int()
	if !ok {
		return 0, fmt.Errorf("flow: %s: %s is not an integer", field, n)
	}
	return i, nil
}

// optionalIntField reads a number that may be null, which leaves it unset.
func optionalIntField(field string, v ast.Value) (*int, error) {
	if _, null := v.(ast.Null); null {
		return nil, nil
	}
	i, err := intField(field, v)
	return &i, err
}

// boolField reads a boolean.
func boolField(field string, v ast.Value) (bool, error) {
	b, ok := v.(ast.Boolean)
	if !ok {
		return false, fmt.Errorf("flow: %s: want a boolean, got %s", field, ast.ValueName(v))
	}
	return bool(b), nil
}

// AST renders the result as the object policies read.
func (r *Result) AST() ast.Value {
	allowedBy := make([]*ast.Term, len(r.AllowedBy))
	for i, ref := range r.AllowedBy {
		allowedBy[i] = ast.NewTerm(ref.AST())
	}
	blocked := make([]*ast.Term, len(r.Blocked))
	for i, b := range r.Blocked {
		blocked[i] = ast.ObjectTerm(
			ast.Item(ast.StringTerm("sources"), stringsTerm(b.Sources)),
			ast.Item(ast.StringTerm("destinations"), stringsTerm(b.Destinations)),
			ast.Item(ast.StringTerm("by"), ast.NewTerm(b.By.AST())),
		)
	}
	passed := make([]*ast.Term, len(r.Passed))
	for i, p := range r.Passed {
		by := make([]*ast.Term, len(p.By))
		for j, ref := range p.By {
			by[j] = ast.NewTerm(ref.AST())
		}
		passed[i] = ast.ObjectTerm(
			ast.Item(ast.StringTerm("sources"), stringsTerm(p.Sources)),
			ast.Item(ast.StringTerm("destinations"), stringsTerm(p.Destinations)),
			ast.Item(ast.StringTerm("by"), ast.ArrayTerm(by...)),
		)
	}
	unknown := make([]*ast.Term, len(r.Unknown))
	for i, u := range r.Unknown {
		items := [][2]*ast.Term{
			ast.Item(ast.StringTerm("sources"), stringsTerm(u.Sources)),
			ast.Item(ast.StringTerm("destinations"), stringsTerm(u.Destinations)),
			ast.Item(ast.StringTerm("reason"), ast.StringTerm(u.Reason)),
		}
		if u.By != nil {
			items = append(items, ast.Item(ast.StringTerm("by"), ast.NewTerm(u.By.AST())))
		}
		unknown[i] = ast.ObjectTerm(items...)
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("unknown"), ast.ArrayTerm(unknown...)),
		ast.Item(ast.StringTerm("routing"), stringsTerm(r.Routing)),
		ast.Item(ast.StringTerm("allowed"), ast.BooleanTerm(r.Allowed)),
		ast.Item(ast.StringTerm("partially_allowed"), ast.BooleanTerm(r.PartiallyAllowed)),
		ast.Item(ast.StringTerm("allowed_by"), ast.ArrayTerm(allowedBy...)),
		ast.Item(ast.StringTerm("blocked"), ast.ArrayTerm(blocked...)),
		ast.Item(ast.StringTerm("passed"), ast.ArrayTerm(passed...)),
		ast.Item(ast.StringTerm("ingress_interface"), ast.StringTerm(r.IngressInterface)),
		ast.Item(ast.StringTerm("notes"), stringsTerm(r.Notes)),
	)
}

// AST renders a rule reference ({chain, index, action, description, tracker, and location
// when known}) or a default ({default, chain} and, for pf, interface); both name the table
// where there is one.
func (ref Ref) AST() ast.Value {
	if ref.Default != "" {
		items := [][2]*ast.Term{
			ast.Item(ast.StringTerm("default"), ast.StringTerm(ref.Default)),
			ast.Item(ast.StringTerm("chain"), ast.StringTerm(ref.Chain)),
		}
		if ref.Interface != "" {
			items = append(items, ast.Item(ast.StringTerm("interface"), ast.StringTerm(ref.Interface)))
		}
		if ref.Table != "" {
			items = append(items, ast.Item(ast.StringTerm("table"), ast.StringTerm(ref.Table)))
		}
		return ast.NewObject(items...)
	}
	items := [][2]*ast.Term{
		ast.Item(ast.StringTerm("chain"), ast.StringTerm(ref.Chain)),
		ast.Item(ast.StringTerm("index"), ast.IntNumberTerm(ref.Index)),
		ast.Item(ast.StringTerm("action"), ast.StringTerm(ref.Action)),
		ast.Item(ast.StringTerm("description"), ast.StringTerm(ref.Description)),
		ast.Item(ast.StringTerm("tracker"), ast.StringTerm(ref.Tracker)),
	}
	// An unknown location is left out rather than null, so that object.get(ref, "location",
	// {}) in a policy always yields an object.
	if ref.Location != nil {
		loc := [][2]*ast.Term{ast.Item(ast.StringTerm("file"), ast.StringTerm(ref.Location.File))}
		if ref.Location.Line != 0 {
			loc = append(loc, ast.Item(ast.StringTerm("line"), ast.IntNumberTerm(ref.Location.Line)))
		}
		if ref.Location.Path != "" {
			loc = append(loc, ast.Item(ast.StringTerm("path"), ast.StringTerm(ref.Location.Path)))
		}
		items = append(items, ast.Item(ast.StringTerm("location"), ast.ObjectTerm(loc...)))
	}
	if ref.Table != "" {
		items = append(items, ast.Item(ast.StringTerm("table"), ast.StringTerm(ref.Table)))
	}
	return ast.NewObject(items...)
}

func stringsTerm(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = ast.StringTerm(s)
	}
	return ast.ArrayTerm(ts...)
}
