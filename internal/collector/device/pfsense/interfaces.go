package pfsense

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// vlanDevice is a VLAN from <vlans>: the OS device (vlanif) carrying a tag on a parent NIC.
type vlanDevice struct {
	tag         int
	parent      string
	description string
}

// dottedVLAN matches pfSense's VLAN device naming, parent.tag (em1.100, vmx1.1100).
var dottedVLAN = regexp.MustCompile(`^([a-z][a-z0-9_]*[0-9])\.([0-9]{1,4})$`)

// opnVLAN matches OPNsense's VLAN device naming (vlan01364), whose number is not the tag.
var opnVLAN = regexp.MustCompile(`^vlan0?[0-9]+$`)

// dynamicAddress names the <ipaddr> values that mean "assigned at run time".
var dynamicAddress = map[string]bool{"dhcp": true, "pppoe": true, "pptp": true, "l2tp": true, "ppp": true}

func (im *importer) importVLANs() map[string]vlanDevice {
	out := map[string]vlanDevice{}
	for i, v := range im.root.path("vlans").all("vlan") {
		if v.empty() {
			continue
		}
		parent, tagText := v.get("if"), v.get("tag")
		tag, err := strconv.Atoi(tagText)
		if err != nil || tag < 1 || tag > 4094 {
			im.warnf("%s: VLAN tag %q is not 1-4094: VLAN skipped", itemPath("vlans/vlan", i), tagText)
			continue
		}
		dev := v.get("vlanif")
		if dev == "" {
			// Configs older than pfSense 2.4 carry no <vlanif>; the device is parent.tag.
			dev = parent + "." + tagText
		}
		out[dev] = vlanDevice{tag: tag, parent: parent, description: v.get("descr")}
	}
	return out
}

func (im *importer) importInterfaces() ([]snapshot.Interface, []string) {
	vlans := im.importVLANs()
	im.ifaces = map[string]*snapshot.Interface{}
	im.ifgroups = map[string][]string{}
	var (
		out          []snapshot.Interface
		order        []string
		wanish       = map[string]bool{}
		assigned     = map[string]bool{}
		unknownVLANs []string
	)
	for _, e := range im.root.path("interfaces").elements() {
		path := "interfaces/" + e.name
		ifc := snapshot.Interface{
			Name:        e.name,
			Description: e.get("descr"),
			Device:      e.get("if"),
			Enabled:     e.flag("enable"),
			Addresses:   []string{},
			Networks:    []string{},
			Location:    im.location(e, path),
		}
		ifc.Role = roleOf(e.name, ifc.Device, e.get("type"))
		if v, ok := vlans[ifc.Device]; ok {
			ifc.VLANID, ifc.Parent = v.tag, v.parent
		} else if m := dottedVLAN.FindStringSubmatch(ifc.Device); m != nil {
			ifc.VLANID, _ = strconv.Atoi(m[2])
			ifc.Parent = m[1]
		} else if opnVLAN.MatchString(ifc.Device) {
			unknownVLANs = append(unknownVLANs, e.name+" ("+ifc.Device+")")
		}
		if (ifc.VLANID > 0 || opnVLAN.MatchString(ifc.Device)) && ifc.Role != "wan" {
			ifc.Role = "vlan"
		}
		assigned[ifc.Device] = true
		im.addAddress(&ifc, path, e.get("ipaddr"), e.get("subnet"))
		if alias := e.get("alias-address"); alias != "" {
			im.addAddress(&ifc, path+"/alias-address", alias, e.get("alias-subnet"))
		}
		if gw := e.get("gateway"); gw != "" {
			// pfSense treats an interface with a gateway as WAN-type (multi-WAN).
			wanish[e.name] = true
			ifc.Gateway = gw
			if g, ok := im.gateways[gw]; ok && g.Address != "" {
				ifc.Gateway = g.Address
			}
		}
		if ifc.Role == "wan" {
			wanish[e.name] = true
		}
		out = append(out, ifc)
		order = append(order, e.name)
	}
	if n := len(unknownVLANs); n > 0 {
		shown := unknownVLANs
		if n > 3 {
			shown = append(shown[:3:3], "...")
		}
		im.warnf("%d interface(s) sit on VLAN devices that no <vlans> entry defines, VLAN tag and parent unknown: %s", n, strings.Join(shown, ", "))
	}
	// VLAN devices that exist but are not assigned carry no traffic; they are still listed so
	// that the VLAN plan is visible.
	for i, v := range im.root.path("vlans").all("vlan") {
		dev := v.get("vlanif")
		if dev == "" {
			dev = v.get("if") + "." + v.get("tag")
		}
		vd, ok := vlans[dev]
		if !ok || assigned[dev] {
			continue
		}
		out = append(out, snapshot.Interface{
			Name: dev, Description: vd.description, Device: dev, Role: "vlan",
			Addresses: []string{}, Networks: []string{}, VLANID: vd.tag, Parent: vd.parent,
			Location: im.location(v, itemPath("vlans/vlan", i)),
		})
	}
	for i := range out {
		im.ifaces[out[i].Name] = &out[i]
	}
	im.importVirtualIPs()
	for _, g := range im.root.path("ifgroups").all("ifgroupentry") {
		im.ifgroups[g.get("ifname")] = strings.Fields(g.get("members"))
	}
	wan := []string{}
	for _, name := range order {
		if !wanish[name] {
			continue
		}
		for _, a := range im.ifaces[name].Addresses {
			if p, err := netip.ParsePrefix(a); err == nil && p.Addr().Is4() {
				wan = append(wan, p.Addr().String())
			}
		}
	}
	return out, wan
}

func roleOf(name, dev, typ string) string {
	switch {
	case name == "wan":
		return "wan"
	case name == "lan":
		return "lan"
	case strings.HasPrefix(dev, "lo"):
		return "loopback"
	case dev == "enc0":
		return "ipsec"
	case strings.HasPrefix(dev, "ipsec"):
		return "vti"
	case typ == "group":
		return "other"
	case strings.HasPrefix(name, "opt"):
		return "opt"
	}
	return "other"
}

// addAddress records a static IPv4 address; dynamic ones (DHCP, PPPoE) are unknown until run
// time, which the checks must be told rather than find an empty list.
func (im *importer) addAddress(ifc *snapshot.Interface, path, addr, bits string) {
	switch {
	case addr == "":
		return
	case dynamicAddress[strings.ToLower(addr)]:
		im.warnf("%s: address is assigned by %s at run time: no static address", path, strings.ToUpper(addr))
		return
	}
	ip, err := netip.ParseAddr(addr)
	if err != nil || !ip.Is4() {
		im.warnf("%s: address %q is not an IPv4 address: skipped", path, addr)
		return
	}
	n, err := strconv.Atoi(bits)
	if err != nil || n < 0 || n > 32 {
		im.warnf("%s: subnet %q is not a prefix length 0-32: address %s taken as /32", path, bits, addr)
		n = 32
	}
	p := netip.PrefixFrom(ip, n)
	ifc.Addresses = appendUnique(ifc.Addresses, p.String())
	ifc.Networks = appendUnique(ifc.Networks, p.Masked().String())
}

// importVirtualIPs adds IP alias and CARP addresses to their interfaces: a CARP VIP is often
// the WAN address IPsec peers and NAT use.
func (im *importer) importVirtualIPs() {
	for i, v := range im.root.path("virtualip").all("vip") {
		if v.empty() {
			continue
		}
		path := itemPath("virtualip/vip", i)
		mode := v.get("mode")
		if mode != "ipalias" && mode != "carp" {
			im.warnf("%s: virtual IP mode %q not modelled", path, mode)
			continue
		}
		ifc, ok := im.ifaces[v.get("interface")]
		if !ok {
			im.warnf("%s: virtual IP on unknown interface %q", path, v.get("interface"))
			continue
		}
		im.addAddress(ifc, path, v.get("subnet"), v.get("subnet_bits"))
	}
}

func (im *importer) importGateways() []snapshot.Gateway {
	gws := im.root.path("gateways")
	def4 := gws.get("defaultgw4")
	out := []snapshot.Gateway{}
	for _, g := range gws.all("gateway_item") {
		gw := snapshot.Gateway{
			Name:      g.get("name"),
			Interface: g.get("interface"),
			Default:   g.flag("defaultgw") || (def4 != "" && g.get("name") == def4),
		}
		if a := g.get("gateway"); a != "dynamic" {
			gw.Address = a
		}
		im.gateways[gw.Name] = gw
		out = append(out, gw)
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
