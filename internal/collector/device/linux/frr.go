package linux

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// frrConfig is what the FRR files (frr.conf, bgpd.conf, staticd.conf, zebra.conf) say that
// the model needs. Passwords (`neighbor X password`, vty `password`) are never read into it.
type frrConfig struct {
	hostname     string
	bgp          *frrBGP
	statics      []snapshot.StaticRoute
	ifaces       map[string]*frrIface
	ifaceOrder   []string
	prefixLists  map[string][]prefixEntry
	routeMaps    map[string][]*routeMapEntry
	routeMapLine map[string]int
}

type frrIface struct {
	name, description string
	addresses         []string
	shutdown          bool
	loc               *snapshot.Location
}

type frrBGP struct {
	asn           int64
	routerID      string
	noDefaultIPv4 bool
	neighbors     map[string]*frrNeighbor
	order         []string
	networks      []string
	redistribute  map[string]string // protocol -> route-map ("" for none)
	loc           *snapshot.Location
}

type frrNeighbor struct {
	name, peerGroup, description string
	remoteAS                     string
	isGroup                      bool
	shutdown                     bool
	activate                     *bool
	routeMapOut, prefixListOut   string
	// unmodelled are settings that change what the neighbour is sent in ways the model cannot
	// follow (conditional advertisement, AS-path filters, default-originate).
	unmodelled []string
	loc        *snapshot.Location
}

type prefixEntry struct {
	seq    int
	permit bool
	prefix netip.Prefix
	any    bool
	ge, le int
}

type routeMapEntry struct {
	seq         int
	permit      bool
	prefixLists []string
	unsupported []string
}

func newFRR() *frrConfig {
	return &frrConfig{ifaces: map[string]*frrIface{}, prefixLists: map[string][]prefixEntry{},
		routeMaps: map[string][]*routeMapEntry{}, routeMapLine: map[string]int{}}
}

// parseFRR reads one FRR config file into cfg. FRR's syntax is line-oriented: top-level
// commands, and indented commands of the block opened above (interface, router bgp,
// address-family, route-map).
func (im *importer) parseFRR(file, text string, cfg *frrConfig) error {
	var block string // "interface", "bgp", "route-map", "other"
	var iface *frrIface
	var rm *routeMapEntry
	af := "ipv4 unicast"
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimRight(raw, " \t\r")
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '!' || t[0] == '#' {
			continue
		}
		f := strings.Fields(t)
		loc := &snapshot.Location{File: file, Line: n}
		indented := line[0] == ' ' || line[0] == '\t'
		if !indented || f[0] == "exit" && block != "bgp" {
			block, iface, rm = "", nil, nil
		}
		switch {
		case f[0] == "exit-address-family" || f[0] == "exit" && block == "bgp" && indented:
			af = "ipv4 unicast"
			continue
		case indented && block == "interface":
			im.frrIfaceLine(iface, f)
			continue
		case indented && block == "route-map":
			frrRouteMapLine(rm, f)
			continue
		case indented && block == "bgp":
			if f[0] == "address-family" {
				af = strings.Join(f[1:], " ")
				continue
			}
			if af == "ipv4 unicast" || af == "ipv4" {
				im.frrBGPLine(cfg.bgp, f, loc)
			}
			continue
		case indented && block != "":
			continue
		}
		switch {
		case f[0] == "hostname" && len(f) == 2:
			cfg.hostname = f[1]
		case (f[0] == "interface" || f[0] == "int") && len(f) >= 2:
			block = "interface"
			if len(f) > 2 {
				im.warnf("%s: interface %s in a VRF: not modelled", locString(loc), f[1])
				block = "other"
				continue
			}
			iface = cfg.ifaces[f[1]]
			if iface == nil {
				iface = &frrIface{name: f[1], loc: loc}
				cfg.ifaces[f[1]] = iface
				cfg.ifaceOrder = append(cfg.ifaceOrder, f[1])
			}
		case f[0] == "router" && len(f) >= 2 && f[1] == "bgp":
			block, af = im.frrRouterBGP(cfg, f, loc), "ipv4 unicast"
		case f[0] == "router":
			im.warnf("%s: router %s: not modelled", locString(loc), f[1:])
			block = "other"
		case f[0] == "ip" && len(f) >= 4 && f[1] == "route":
			im.frrStatic(cfg, f[2:], loc)
		case f[0] == "ip" && len(f) >= 3 && f[1] == "prefix-list":
			if err := frrPrefixList(cfg, f[2:]); err != nil {
				return fmt.Errorf("line %d: %v", n, err)
			}
		case f[0] == "route-map" && len(f) == 4:
			seq, err := strconv.Atoi(f[3])
			if err != nil || (f[2] != "permit" && f[2] != "deny") {
				return fmt.Errorf("line %d: want `route-map NAME permit|deny SEQ`", n)
			}
			block = "route-map"
			rm = &routeMapEntry{seq: seq, permit: f[2] == "permit"}
			cfg.routeMaps[f[1]] = append(cfg.routeMaps[f[1]], rm)
			if _, ok := cfg.routeMapLine[f[1]]; !ok {
				cfg.routeMapLine[f[1]] = n
			}
		default:
			// frr version/defaults, log, line vty, password, service, debug, vrf, ipv6 ...: not
			// part of the model. Blocks they open are skipped with them.
			block = "other"
		}
	}
	return nil
}

// frrRouterBGP opens a `router bgp ASN [vrf NAME]` block and returns the block kind its
// indented lines belong to: "bgp", or "other" for a VRF, which is not modelled.
func (im *importer) frrRouterBGP(cfg *frrConfig, f []string, loc *snapshot.Location) string {
	if len(f) > 3 && f[3] == "vrf" {
		im.warnf("%s: router bgp in VRF %s: not modelled", locString(loc), strings.Join(f[4:], " "))
		return "other"
	}
	if cfg.bgp != nil {
		return "bgp" // a second `router bgp` block adds to the first, as FRR does
	}
	cfg.bgp = &frrBGP{neighbors: map[string]*frrNeighbor{}, redistribute: map[string]string{}, loc: loc}
	if len(f) >= 3 {
		asn, err := parseASN(f[2])
		if err != nil {
			im.warnf("%s: router bgp %q: AS number is not a number (an unfilled template?)", locString(loc), f[2])
		}
		cfg.bgp.asn = asn
	}
	return "bgp"
}

func (im *importer) frrIfaceLine(iface *frrIface, f []string) {
	switch {
	case f[0] == "ip" && len(f) >= 3 && f[1] == "address":
		if p, err := netip.ParsePrefix(f[2]); err == nil && p.Addr().Is4() {
			iface.addresses = append(iface.addresses, p.String())
		}
	case f[0] == "description":
		iface.description = strings.Join(f[1:], " ")
	case f[0] == "shutdown":
		iface.shutdown = true
	}
}

func frrRouteMapLine(rm *routeMapEntry, f []string) {
	switch {
	case f[0] == "match" && len(f) == 5 && f[1] == "ip" && f[2] == "address" && f[3] == "prefix-list":
		rm.prefixLists = append(rm.prefixLists, f[4])
	case f[0] == "match" || f[0] == "call" || f[0] == "on-match" || f[0] == "continue":
		rm.unsupported = append(rm.unsupported, strings.Join(f, " "))
	}
}

// frrBGPLine reads one command of `router bgp` (IPv4 unicast or outside any address family).
func (im *importer) frrBGPLine(b *frrBGP, f []string, loc *snapshot.Location) {
	no := false
	if f[0] == "no" {
		no, f = true, f[1:]
	}
	if len(f) == 0 {
		return
	}
	switch {
	case f[0] == "bgp" && len(f) == 3 && f[1] == "router-id":
		b.routerID = f[2]
	case f[0] == "bgp" && len(f) == 3 && f[1] == "default" && f[2] == "ipv4-unicast":
		b.noDefaultIPv4 = no
	case f[0] == "network" && len(f) >= 2 && !no:
		p, err := netip.ParsePrefix(f[1])
		if err != nil || !p.Addr().Is4() {
			im.warnf("%s: network %q is not an IPv4 prefix", locString(loc), f[1])
			return
		}
		b.networks = append(b.networks, p.Masked().String())
	case f[0] == "redistribute" && len(f) >= 2 && !no:
		rm := ""
		if len(f) >= 4 && f[2] == "route-map" {
			rm = f[3]
		}
		b.redistribute[f[1]] = rm
	case f[0] == "neighbor" && len(f) >= 3:
		im.frrNeighborLine(b, f[1], f[2:], no, loc)
	}
}

func (im *importer) frrNeighborLine(b *frrBGP, name string, f []string, no bool, loc *snapshot.Location) {
	nb := b.neighbors[name]
	if nb == nil {
		nb = &frrNeighbor{name: name, loc: loc}
		b.neighbors[name] = nb
		b.order = append(b.order, name)
	}
	switch f[0] {
	case "remote-as":
		if len(f) >= 2 {
			nb.remoteAS = f[1]
		}
	case "peer-group":
		if len(f) == 1 {
			nb.isGroup = true
		} else {
			nb.peerGroup = f[1]
		}
	case "description":
		nb.description = strings.Join(f[1:], " ")
	case "shutdown":
		nb.shutdown = !no
	case "activate":
		v := !no
		nb.activate = &v
	case "route-map":
		if len(f) == 3 && f[2] == "out" && !no {
			nb.routeMapOut = f[1]
		}
	case "prefix-list":
		if len(f) == 3 && f[2] == "out" && !no {
			nb.prefixListOut = f[1]
		}
	case "password":
		// The MD5 password is a secret: it is not read.
	case "advertise-map", "unsuppress-map", "default-originate", "distribute-list", "filter-list":
		if !no && (f[0] == "advertise-map" || f[0] == "unsuppress-map" || f[0] == "default-originate" || f[len(f)-1] == "out") {
			nb.unmodelled = append(nb.unmodelled, "neighbor "+name+" "+f[0])
		}
	}
}

// frrStatic reads `ip route PREFIX NEXTHOP [DISTANCE] [...]`.
func (im *importer) frrStatic(cfg *frrConfig, f []string, loc *snapshot.Location) {
	p, err := netip.ParsePrefix(f[0])
	if err != nil || !p.Addr().Is4() {
		im.warnf("%s: ip route %q: not an IPv4 prefix", locString(loc), f[0])
		return
	}
	r := snapshot.StaticRoute{Destination: p.Masked().String(), Location: loc}
	nh := f[1]
	switch {
	case nh == "blackhole" || nh == "Null0" || nh == "reject":
		r.Gateway, r.Description = nh, "discards traffic ("+nh+")"
	default:
		if a, err := netip.ParseAddr(nh); err == nil {
			r.GatewayAddress = a.String()
			if len(f) >= 3 {
				if _, err := strconv.Atoi(f[2]); err != nil {
					r.Interface = f[2]
				}
			}
		} else {
			r.Interface = nh
		}
	}
	cfg.statics = append(cfg.statics, r)
}

// frrPrefixList reads `ip prefix-list NAME [seq N] permit|deny PREFIX|any [ge N] [le N]`.
func frrPrefixList(cfg *frrConfig, f []string) error {
	name := f[0]
	f = f[1:]
	if len(f) > 0 && f[0] == "description" {
		return nil
	}
	e := prefixEntry{seq: (len(cfg.prefixLists[name]) + 1) * 5}
	if len(f) >= 2 && f[0] == "seq" {
		n, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("prefix-list %s: seq %q is not a number", name, f[1])
		}
		e.seq, f = n, f[2:]
	}
	if len(f) < 2 || (f[0] != "permit" && f[0] != "deny") {
		return fmt.Errorf("prefix-list %s: want permit|deny PREFIX", name)
	}
	e.permit = f[0] == "permit"
	if f[1] == "any" {
		e.any = true
	} else {
		p, err := netip.ParsePrefix(f[1])
		if err != nil {
			return fmt.Errorf("prefix-list %s: %q is not a prefix", name, f[1])
		}
		e.prefix = p.Masked()
	}
	for i := 2; i+1 < len(f); i += 2 {
		n, err := strconv.Atoi(f[i+1])
		if err != nil || n < 0 || n > 128 {
			return fmt.Errorf("prefix-list %s: %s %q is not a prefix length", name, f[i], f[i+1])
		}
		switch f[i] {
		case "ge":
			e.ge = n
		case "le":
			e.le = n
		default:
			return fmt.Errorf("prefix-list %s: unexpected %q", name, f[i])
		}
	}
	cfg.prefixLists[name] = append(cfg.prefixLists[name], e)
	return nil
}

func parseASN(s string) (int64, error) {
	if a, b, ok := strings.Cut(s, "."); ok { // asdot notation
		hi, err1 := strconv.ParseUint(a, 10, 16)
		lo, err2 := strconv.ParseUint(b, 10, 16)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("bad ASN")
		}
		return int64(hi<<16 | lo), nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return int64(n), err
}

// prefixListVerdict runs a prefix list on one prefix: permitted, or an error when the list is
// not defined.
func (cfg *frrConfig) prefixListVerdict(name string, p netip.Prefix) (bool, error) {
	entries, ok := cfg.prefixLists[name]
	if !ok {
		return false, fmt.Errorf("prefix-list %s is not defined", name)
	}
	sorted := append([]prefixEntry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].seq < sorted[j].seq })
	for _, e := range sorted {
		if e.any {
			return e.permit, nil
		}
		if e.prefix.Addr().Is4() != p.Addr().Is4() || !e.prefix.Contains(p.Addr()) || p.Bits() < e.prefix.Bits() {
			continue
		}
		lo, hi := e.prefix.Bits(), e.prefix.Bits()
		if e.ge > 0 {
			lo, hi = e.ge, p.Addr().BitLen()
		}
		if e.le > 0 {
			hi = e.le
			if e.ge == 0 {
				lo = e.prefix.Bits()
			}
		}
		if p.Bits() >= lo && p.Bits() <= hi {
			return e.permit, nil
		}
	}
	return false, nil // the implicit deny at the end
}

// routeMapVerdict runs a route map (prefix-list matches only) on one prefix.
func (cfg *frrConfig) routeMapVerdict(name string, p netip.Prefix) (bool, error) {
	entries, ok := cfg.routeMaps[name]
	if !ok {
		return false, fmt.Errorf("route-map %s is not defined", name)
	}
	sorted := append([]*routeMapEntry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].seq < sorted[j].seq })
	for _, e := range sorted {
		if len(e.unsupported) > 0 {
			return false, fmt.Errorf("route-map %s %d: %s not modelled", name, e.seq, strings.Join(e.unsupported, "; "))
		}
		match := true
		for _, pl := range e.prefixLists {
			ok, err := cfg.prefixListVerdict(pl, p)
			if err != nil {
				return false, err
			}
			match = match && ok
		}
		if match {
			return e.permit, nil
		}
	}
	return false, nil
}
