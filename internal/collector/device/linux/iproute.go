package linux

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// ipLink is one element of `ip -j [-d] addr show`.
type ipLink struct {
	Ifname    string   `json:"ifname"`
	Flags     []string `json:"flags"`
	Operstate string   `json:"operstate"`
	LinkType  string   `json:"link_type"`
	Link      string   `json:"link"`
	AddrInfo  []struct {
		Family    string `json:"family"`
		Local     string `json:"local"`
		Address   string `json:"address"` // the peer of a point-to-point address
		Prefixlen int    `json:"prefixlen"`
		Scope     string `json:"scope"`
	} `json:"addr_info"`
	LinkInfo *struct {
		InfoKind string         `json:"info_kind"`
		InfoData map[string]any `json:"info_data"`
	} `json:"linkinfo"`
}

// ipRoute is one element of `ip -j route show`.
type ipRoute struct {
	Dst      string `json:"dst"`
	Gateway  string `json:"gateway"`
	Dev      string `json:"dev"`
	Protocol string `json:"protocol"`
	Scope    string `json:"scope"`
	Type     string `json:"type"`
	Table    string `json:"table"`
	// Nexthops are the paths of a multipath (ECMP) route, as BGP installs over both tunnels.
	Nexthops []struct {
		Gateway string `json:"gateway"`
		Dev     string `json:"dev"`
	} `json:"nexthops"`
}

// jsonKind tells `ip -j addr` output from `ip -j route` output by the keys of its elements.
func jsonKind(data []byte) (string, error) {
	var elems []map[string]json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		return "", err
	}
	for _, e := range elems {
		if _, ok := e["ifname"]; ok {
			return "ip-addr", nil
		}
		if _, ok := e["dst"]; ok {
			return "ip-route", nil
		}
	}
	return "", nil
}

// decodeIPList decodes `ip -j` output: an array of objects, each of which has the field that
// command always prints (has tells); an element without it is some other command's output.
func decodeIPList[T any](data []byte, field, command string, has func(T) bool) ([]T, error) {
	var elems []T
	if err := json.Unmarshal(data, &elems); err != nil {
		return nil, jsonErr(data, err)
	}
	for i, e := range elems {
		if !has(e) {
			return nil, fmt.Errorf("element %d: no %s: not `%s` output", i, field, command)
		}
	}
	return elems, nil
}

// addInterfaces maps `ip -j addr show` links to interfaces.
func (im *importer) addInterfaces(file string, data []byte) error {
	links, err := decodeIPList(data, "ifname", "ip -j addr show", func(l ipLink) bool { return l.Ifname != "" })
	if err != nil {
		return err
	}
	for i, l := range links {
		ifc := snapshot.Interface{
			Name: l.Ifname, Device: l.Ifname, Role: "other", Addresses: []string{}, Networks: []string{},
			Enabled:  slices.Contains(l.Flags, "UP"),
			Location: &snapshot.Location{File: file, Path: "[" + strconv.Itoa(i) + "]"},
		}
		if l.Link != "" && l.Link != "NONE" {
			ifc.Parent = l.Link
		}
		kind := ""
		if l.LinkInfo != nil {
			kind = l.LinkInfo.InfoKind
			switch kind {
			case "vti", "vti6":
				ifc.Mark = markKey(fmt.Sprint(l.LinkInfo.InfoData["okey"]))
				if ifc.Mark == "0" || ifc.Mark == "<nil>" {
					ifc.Mark = markKey(fmt.Sprint(l.LinkInfo.InfoData["ikey"]))
				}
			case "xfrm":
				ifc.Mark = markKey(fmt.Sprint(l.LinkInfo.InfoData["if_id"]))
			case "vlan":
				if id, ok := l.LinkInfo.InfoData["id"].(float64); ok && id >= 0 && id <= 4095 {
					ifc.VLANID = int(id)
				}
			}
			if ifc.Mark == "<nil>" {
				ifc.Mark = ""
			}
		}
		switch {
		case slices.Contains(l.Flags, "LOOPBACK") || l.LinkType == "loopback":
			ifc.Role = "loopback"
		case kind == "vti" || kind == "vti6" || kind == "xfrm":
			ifc.Role = "vti"
		case kind == "vlan":
			ifc.Role = "vlan"
		}
		for _, a := range l.AddrInfo {
			if a.Family != "inet" {
				continue
			}
			ip, err := netip.ParseAddr(a.Local)
			if err != nil || a.Prefixlen < 0 || a.Prefixlen > 32 {
				im.warnf("%s: %s: address %q/%d is not an IPv4 address", file, l.Ifname, a.Local, a.Prefixlen)
				continue
			}
			p := netip.PrefixFrom(ip, a.Prefixlen)
			ifc.Addresses = append(ifc.Addresses, p.String())
			ifc.Networks = append(ifc.Networks, p.Masked().String())
			if peer, err := netip.ParseAddr(a.Address); err == nil && a.Address != a.Local {
				im.peers[l.Ifname] = netip.PrefixFrom(peer, a.Prefixlen).String()
			}
		}
		im.dev.Interfaces = append(im.dev.Interfaces, ifc)
	}
	return nil
}

// addRoutes maps `ip -j route show` to static routes and gateways. Routes the kernel adds for
// connected networks are the interfaces' networks, not routes; routes a routing daemon
// installed (protocol bgp, zebra...) are kept, named by their protocol, since they decide where
// traffic goes just the same.
func (im *importer) addRoutes(file string, data []byte) error {
	routes, err := decodeIPList(data, "dst", "ip -j route show", func(r ipRoute) bool { return r.Dst != "" })
	if err != nil {
		return err
	}
	for i, r := range routes {
		if r.Protocol == "kernel" && r.Scope == "link" {
			continue
		}
		discard := false
		switch r.Type {
		case "", "unicast":
		case "blackhole", "unreachable", "prohibit":
			discard = true
		default:
			continue // local, broadcast, multicast...: not forwarding routes
		}
		dst := r.Dst
		if dst == "default" {
			dst = "0.0.0.0/0"
		}
		pfx, err := netip.ParsePrefix(dst)
		if err != nil {
			a, aerr := netip.ParseAddr(dst)
			if aerr != nil {
				im.warnf("%s: route %d: destination %q is not a network", file, i, r.Dst)
				continue
			}
			pfx = netip.PrefixFrom(a, a.BitLen())
		}
		if !pfx.Addr().Is4() {
			continue
		}
		sr := snapshot.StaticRoute{
			Destination: pfx.Masked().String(), GatewayAddress: r.Gateway, Interface: r.Dev,
			Location: &snapshot.Location{File: file, Path: "[" + strconv.Itoa(i) + "]"},
		}
		if r.Protocol != "" && r.Protocol != "boot" && r.Protocol != "static" {
			sr.Description = "installed by " + r.Protocol
		}
		if discard {
			sr.Gateway, sr.Description = r.Type, strings.TrimSpace("discards traffic ("+r.Type+") "+sr.Description)
		}
		if sr.Destination == "0.0.0.0/0" {
			sr.Gateway = "default"
			im.defaultDevs = append(im.defaultDevs, r.Dev)
			im.dev.Gateways = append(im.dev.Gateways, snapshot.Gateway{Name: "default", Interface: r.Dev, Address: r.Gateway, Default: true})
		}
		if len(r.Nexthops) == 0 {
			im.dev.StaticRoutes = append(im.dev.StaticRoutes, sr)
		}
		// A multipath route is one route per path: traffic may take any of them.
		for _, nh := range r.Nexthops {
			path := sr
			path.GatewayAddress, path.Interface = nh.Gateway, nh.Dev
			im.dev.StaticRoutes = append(im.dev.StaticRoutes, path)
		}
	}
	return nil
}

// jsonErr names the line of a JSON syntax error.
func jsonErr(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case asErr(err, &se):
		off = se.Offset
	case asErr(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err
	}
	line := 1
	for _, c := range data[:min(int(off), len(data))] {
		if c == '\n' {
			line++
		}
	}
	return fmt.Errorf("line %d: %v", line, err)
}
