package awspath

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"
)

// Route is one route of a VPC or TGW route table as the snapshot has it (the JSON object,
// kept whole so that answers quote it).
type Route = map[string]any

// Piece is the part of an asked CIDR that one decision covers.
type Piece struct {
	CIDR string `json:"cidr"`
	// Status is routed, blackhole, no_route or unknown.
	Status string `json:"status"`
	// Routes are the routes that win for the piece: one, or several equal ones (TGW ECMP).
	Routes []Route `json:"routes"`
	// Reasons say what the snapshot lacks when Status is unknown.
	Reasons []string `json:"reasons"`
}

// candidate is a route reduced to what longest-prefix selection needs. A prefix-list route
// becomes one candidate per entry of the list.
type candidate struct {
	prefix netip.Prefix
	// rank orders equal prefixes: lower wins (AWS's route priority).
	rank  int
	index int // the route's position, to tell routes apart and to merge pieces
	route Route
}

// Table is a route table ready for lookups.
type Table struct {
	cands []candidate
	// unresolved names prefix lists whose routes could not be expanded: any piece might
	// belong to them, so every answer from this table is unknown.
	unresolved []string
}

func str(r Route, key string) string {
	s, _ := r[key].(string)
	return s
}

// VPC route priority for equal prefixes: the local route, then static routes, then routes to a
// prefix list, then propagated routes (route-tables-priority.html).
func vpcRank(r Route, viaPrefixList bool) int {
	switch {
	case str(r, "target_type") == "local":
		return 0
	case str(r, "origin") == "EnableVgwRoutePropagation":
		return 3
	case viaPrefixList:
		return 2
	}
	return 1
}

// TGW route priority for equal prefixes: static, then prefix-list references, then propagated
// routes by attachment type: VPC, Direct Connect gateway, Connect, VPN, peering
// (how-transit-gateways-work.html, "Route evaluation order").
//
// A prefix-list reference is listed with type propagated (one route per entry, with the list's
// ID), so the prefix list decides its rank, not the type (view-prefix-list-reference.html).
func tgwRank(r Route, viaPrefixList bool) int {
	if viaPrefixList {
		return 1
	}
	if str(r, "type") != "propagated" {
		return 0
	}
	kind := ""
	if atts, ok := r["attachments"].([]any); ok && len(atts) > 0 {
		if a, ok := atts[0].(map[string]any); ok {
			kind, _ = a["resource_type"].(string)
		}
	}
	switch kind {
	case "vpc":
		return 2
	case "direct-connect-gateway":
		return 3
	case "connect":
		return 4
	case "vpn":
		return 5
	case "peering", "tgw-peering":
		return 6
	}
	return 7
}

// NewVPCTable reads a VPC route table's routes. IPv6 routes are left out.
func NewVPCTable(routes []Route, pl *PrefixLists) (*Table, error) {
	return newTable(routes, pl, "destination_cidr", "destination_prefix_list_id", vpcRank, func(r Route) bool {
		return true // active and blackhole routes both decide where a packet goes
	})
}

// NewTGWTable reads a TGW route table's routes. Only active and blackhole routes are in
// force: pending, deleting and deleted routes are not used for forwarding.
func NewTGWTable(routes []Route, pl *PrefixLists) (*Table, error) {
	return newTable(routes, pl, "destination_cidr", "prefix_list_id", tgwRank, func(r Route) bool {
		s := str(r, "state")
		return s == "active" || s == "blackhole"
	})
}

func newTable(routes []Route, pl *PrefixLists, cidrKey, plKey string, rank func(Route, bool) int, inForce func(Route) bool) (*Table, error) {
	t := &Table{}
	for i, r := range routes {
		if !inForce(r) {
			continue
		}
		plID := str(r, plKey)
		if c := str(r, cidrKey); c != "" {
			p, ok, err := parseIPv4(c)
			if err != nil {
				return nil, fmt.Errorf("route %d: %v", i, err)
			}
			if ok {
				t.cands = append(t.cands, candidate{p, rank(r, plID != ""), i, r})
			}
			continue
		}
		if plID == "" {
			continue
		}
		entries, why := pl.Resolve(plID)
		if why != "" {
			t.unresolved = append(t.unresolved, why)
			continue
		}
		for _, e := range entries {
			p, ok, err := parseIPv4(e)
			if err != nil {
				return nil, fmt.Errorf("prefix list %s: %v", plID, err)
			}
			if ok {
				t.cands = append(t.cands, candidate{p, rank(r, true), i, r})
			}
		}
	}
	sort.Strings(t.unresolved)
	t.unresolved = slices.Compact(t.unresolved)
	return t, nil
}

// Lookup answers where traffic to every address of cidr goes, as the fewest pieces that each
// have one decision: a more specific route steals its part of cidr from a broader one.
func (t *Table) Lookup(cidr string) ([]Piece, error) {
	ds, err := t.decide(cidr)
	if err != nil {
		return nil, err
	}
	var out []Piece
	for _, d := range ds {
		out = append(out, t.piece(d))
	}
	return out, nil
}

// decide is Lookup's answer before it is spelled as pieces: each part of cidr with the routes
// that win it.
func (t *Table) decide(cidr string) ([]decision, error) {
	p, ok, err := parseIPv4(cidr)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s is not an IPv4 CIDR", cidr)
	}
	return t.resolve(p), nil
}

type decision struct {
	prefix netip.Prefix
	win    []candidate
}

func (d decision) key() string {
	var b strings.Builder
	for _, c := range d.win {
		fmt.Fprintf(&b, "%d,", c.index)
	}
	return b.String()
}

// resolve splits p until no route is strictly more specific inside a part, then picks each
// part's winner; halves with the same winner merge back.
func (t *Table) resolve(p netip.Prefix) []decision {
	inside := false
	for _, c := range t.cands {
		if c.prefix.Bits() > p.Bits() && p.Contains(c.prefix.Addr()) {
			inside = true
			break
		}
	}
	if !inside {
		return []decision{{p, t.best(p)}}
	}
	lo := netip.PrefixFrom(p.Addr(), p.Bits()+1)
	hiAddr := prefixSpan(lo).hi + 1
	hi := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(hiAddr >> 24), byte(hiAddr >> 16), byte(hiAddr >> 8), byte(hiAddr)}), p.Bits()+1)
	a, b := t.resolve(lo), t.resolve(hi)
	if len(a) == 1 && len(b) == 1 && a[0].key() == b[0].key() {
		return []decision{{p, a[0].win}}
	}
	return append(a, b...)
}

// best is the longest prefix containing p, then the lowest rank; equal ones all win (ECMP).
func (t *Table) best(p netip.Prefix) []candidate {
	var win []candidate
	for _, c := range t.cands {
		if c.prefix.Bits() > p.Bits() || !c.prefix.Contains(p.Addr()) {
			continue
		}
		if len(win) == 0 || c.prefix.Bits() > win[0].prefix.Bits() ||
			(c.prefix.Bits() == win[0].prefix.Bits() && c.rank < win[0].rank) {
			win = []candidate{c}
			continue
		}
		if c.prefix.Bits() == win[0].prefix.Bits() && c.rank == win[0].rank && c.index != win[0].index {
			win = append(win, c)
		}
	}
	return win
}

func (t *Table) piece(d decision) Piece {
	pc := Piece{CIDR: d.prefix.String(), Status: t.status(d), Routes: []Route{}, Reasons: []string{}}
	for _, c := range d.win {
		pc.Routes = append(pc.Routes, c.route)
	}
	if pc.Status == "unknown" {
		pc.Reasons = append(pc.Reasons, t.unresolved...)
	}
	return pc
}

// status is a decision's Piece.Status: unknown while a prefix list is unresolved, else what the
// winning route does.
func (t *Table) status(d decision) string {
	switch {
	case len(t.unresolved) > 0:
		return "unknown"
	case len(d.win) == 0:
		return "no_route"
	case str(d.win[0].route, "state") == "blackhole":
		return "blackhole"
	}
	return "routed"
}
