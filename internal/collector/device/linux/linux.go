// Package linux imports a Linux VPN gateway exported as a folder of files: the firewall
// (`nft -j list ruleset` or `iptables-save`), the IPsec daemon's configuration (strongSwan
// swanctl.conf with conf.d includes, or ipsec.conf + ipsec.secrets of strongSwan or Libreswan
// with ipsec.d includes), `ip -j -d addr show` and `ip -j route show`, and FRR's frr.conf or
// bgpd.conf/staticd.conf. Files are recognised by content, not by name; a file that is none
// of these is reported and ignored.
//
// Pre-shared keys are read only to be replaced by keyed fingerprints (snapshot.PSKFingerprint),
// exactly as for pfSense; other secrets (RSA keys, EAP and XAUTH passwords, BGP passwords) are
// never read into memory beyond the line being skipped.
package linux

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/collector/device/iptables"
	"github.com/hybridcheck/hybridcheck/internal/collector/device/nftables"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() { device.RegisterDir("linux", Import) }

var (
	reIptables     = regexp.MustCompile(`(?m)^\*(filter|nat|mangle|raw|security)\s*$`)
	reSwanctl      = regexp.MustCompile(`(?m)^\s*(connections|secrets|authorities|pools)\s*\{`)
	reIPsecConf    = regexp.MustCompile(`(?m)^(conn\s+\S+|config\s+setup)\s*$`)
	reIPsecSecrets = regexp.MustCompile(`(?m)^[^#\n]*(^|\s):\s*(PSK|RSA|ECDSA|EAP|XAUTH|PIN|NTLM|P12|PKCS8|PPK|PRIVATE)\b`)
	reFRR          = regexp.MustCompile(`(?m)^(router\s+\S+|ip\s+route\s+\S+|ip\s+prefix-list\s+\S+|route-map\s+\S+|frr\s+(version|defaults)|(interface|int)\s+\S+\s*\n\s+ip\s+address)`)
)

// kind tells what a file is from its content.
func kind(data []byte) (string, error) {
	t := bytes.TrimSpace(data)
	switch {
	case len(t) == 0:
		return "empty", nil
	case t[0] == '{' && bytes.Contains(t, []byte(`"nftables"`)):
		return "nftables", nil
	case t[0] == '[':
		k, err := jsonKind(t)
		if err != nil {
			if !bytes.Contains(t, []byte(`"ifname"`)) && !bytes.Contains(t, []byte(`"dst"`)) {
				return "", nil // not iproute2 output (an INI file's [section]...)
			}
			return "", jsonErr(data, err)
		}
		if k == "" {
			return "empty-json", nil
		}
		return k, nil
	case reIptables.Match(data):
		return "iptables", nil
	case reSwanctl.Match(data):
		return "swanctl", nil
	case reIPsecConf.Match(data):
		return "ipsec-conf", nil
	case reIPsecSecrets.Match(data):
		return "ipsec-secrets", nil
	case reFRR.Match(data):
		return "frr", nil
	}
	return "", nil
}

type importer struct {
	salt        string
	dev         *snapshot.Device
	warnings    []string
	peers       map[string]string // interface -> point-to-point peer address
	defaultDevs []string
	sawSecrets  bool
}

func (im *importer) warnf(format string, args ...any) {
	im.warnings = append(im.warnings, device.Printable(fmt.Sprintf(format, args...)))
}

// Import reads a gateway folder's files as one device.
func Import(dir string, files []device.File, salt string) (*snapshot.Device, []string, error) {
	// Without a ruleset netfilter filters nothing: every packet passes.
	im := &importer{salt: salt, peers: map[string]string{},
		dev: device.New(dir, "linux", snapshot.Firewall{Model: "nftables", DefaultAction: "pass"})}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	byKind := map[string][]device.File{}
	for _, f := range files {
		k, err := kind(f.Data)
		if err != nil {
			return nil, nil, &device.FileError{File: f.Name, Err: errors.New(device.Printable(err.Error()))}
		}
		switch k {
		case "":
			im.warnf("%s: not recognised (not nft -j, iptables-save, swanctl.conf, ipsec.conf, ipsec.secrets, ip -j addr/route or FRR): ignored", f.Name)
		case "empty", "empty-json":
			im.warnf("%s: empty: ignored", f.Name)
		default:
			byKind[k] = append(byKind[k], f)
		}
	}
	if err := im.importAll(byKind); err != nil {
		return nil, nil, err
	}
	if len(byKind) == 0 {
		return nil, nil, errors.New("no file of the folder is a gateway export (see docs/linux-gateway.md for the commands that produce them)")
	}
	return im.dev, im.warnings, nil
}

func (im *importer) importAll(byKind map[string][]device.File) error {
	if err := im.firewall(byKind["nftables"], byKind["iptables"]); err != nil {
		return err
	}
	for _, f := range byKind["ip-addr"] {
		if err := im.addInterfaces(f.Name, f.Data); err != nil {
			return &device.FileError{File: f.Name, Err: err}
		}
	}
	for _, f := range byKind["ip-route"] {
		if err := im.addRoutes(f.Name, f.Data); err != nil {
			return &device.FileError{File: f.Name, Err: err}
		}
	}
	frr := newFRR()
	for _, f := range byKind["frr"] {
		if err := im.parseFRR(f.Name, string(f.Data), frr); err != nil {
			return &device.FileError{File: f.Name, Err: errors.New(device.Printable(err.Error()))}
		}
	}
	im.frrInterfaces(frr)
	if err := im.ipsec(byKind); err != nil {
		return err
	}
	im.addFRRStatics(frr.statics)
	im.bgp(frr)
	if frr.hostname != "" {
		im.dev.Hostname = frr.hostname
		im.dev.Name = frr.hostname
	}
	im.roles()
	return nil
}

// firewall imports the one ruleset with the nftables or iptables importer.
func (im *importer) firewall(nft, ipt []device.File) error {
	all := append(append([]device.File{}, nft...), ipt...)
	if len(all) > 1 {
		names := make([]string, len(all))
		for i, f := range all {
			names[i] = f.Name
		}
		return fmt.Errorf("%d firewall rulesets (%s): keep the one the gateway loads", len(all), strings.Join(names, ", "))
	}
	if len(all) == 0 {
		im.warnf("no firewall ruleset (nft -j list ruleset or iptables-save) in the folder: the gateway is taken to filter nothing")
		return nil
	}
	f := all[0]
	imp, data := nftables.Import, f.Data
	if len(ipt) == 1 {
		imp, data = iptables.Import, policyLines(f.Data)
	}
	fw, warnings, err := imp(f.Name, data, im.salt)
	if err != nil {
		return &device.FileError{File: f.Name, Err: err}
	}
	for _, w := range warnings {
		im.warnf("%s: %s", f.Name, w)
	}
	im.dev.Firewall, im.dev.NAT, im.dev.Aliases, im.dev.Version = fw.Firewall, fw.NAT, fw.Aliases, fw.Version
	return nil
}

var rePolicyLine = regexp.MustCompile(`(?m)^-P[ \t]+(\S+)[ \t]+(ACCEPT|DROP)[ \t]*$`)

// policyLines turns the `-P CHAIN POLICY` lines an iptables-restore file may hold (a hand-written
// rules file rather than iptables-save output) into the `:CHAIN POLICY [0:0]` lines
// iptables-save writes, which mean the same to iptables-restore; lines keep their numbers.
func policyLines(data []byte) []byte {
	return rePolicyLine.ReplaceAll(data, []byte(":$1 $2 [0:0]"))
}

// ipsec reads the swanctl files, then the ipsec.conf files, and every secrets source.
func (im *importer) ipsec(byKind map[string][]device.File) error {
	var conns []*conn
	var secrets []secret
	for _, f := range byKind["swanctl"] {
		root, err := parseSwanctl(string(f.Data))
		if err == nil {
			var s []secret
			s, err = swanctlSecrets(root)
			secrets = append(secrets, s...)
			if len(s) > 0 {
				im.sawSecrets = true
			}
		}
		if err != nil {
			return &device.FileError{File: f.Name, Err: errors.New(device.Printable(err.Error()))}
		}
		conns = append(conns, im.swanctlConns(f.Name, root)...)
	}
	for _, f := range byKind["ipsec-secrets"] {
		s, err := parseIPsecSecrets(string(f.Data))
		if err != nil {
			return &device.FileError{File: f.Name, Err: err}
		}
		im.sawSecrets = true
		secrets = append(secrets, s...)
	}
	if confs := byKind["ipsec-conf"]; len(confs) > 0 {
		// Files with `config setup` are main files, read first: their conn %default applies
		// to the included ones.
		sort.SliceStable(confs, func(i, j int) bool {
			return bytes.Contains(confs[i].Data, []byte("config setup")) && !bytes.Contains(confs[j].Data, []byte("config setup"))
		})
		var sections []*confSection
		var texts []string
		for _, f := range confs {
			s, err := parseIPsecConf(f.Name, string(f.Data))
			if err != nil {
				return &device.FileError{File: f.Name, Err: errors.New(device.Printable(err.Error()))}
			}
			sections = append(sections, s...)
			texts = append(texts, string(f.Data))
		}
		conns = append(conns, im.confConns(sections, isLibreswan(sections, texts))...)
	}
	im.dev.IPsec = im.toModel(conns, secrets)
	return nil
}

// frrInterfaces adds the addresses FRR's zebra assigns to interfaces that `ip addr` did not
// list (a folder without ip -j addr output still has them).
func (im *importer) frrInterfaces(cfg *frrConfig) {
	for _, name := range cfg.ifaceOrder {
		fi := cfg.ifaces[name]
		if ifc := im.iface(name); ifc != nil {
			if ifc.Description == "" {
				ifc.Description = fi.description
			}
			continue
		}
		ifc := snapshot.Interface{Name: name, Device: name, Description: fi.description, Enabled: !fi.shutdown,
			Role: "other", Addresses: []string{}, Networks: []string{}, Location: fi.loc}
		for _, a := range fi.addresses {
			p := netip.MustParsePrefix(a)
			ifc.Addresses = append(ifc.Addresses, a)
			ifc.Networks = append(ifc.Networks, p.Masked().String())
		}
		im.dev.Interfaces = append(im.dev.Interfaces, ifc)
	}
}

// addFRRStatics adds FRR's static routes, except those the kernel routing table (ip -j route
// show) already lists with the same destination and next hop: zebra installed them there.
func (im *importer) addFRRStatics(statics []snapshot.StaticRoute) {
	for _, r := range statics {
		dup := false
		for i, k := range im.dev.StaticRoutes {
			if k.Destination == r.Destination && k.GatewayAddress == r.GatewayAddress && (k.Gateway == r.Gateway || r.Gateway != "") {
				// The config line is the better citation; the kernel route stays the fact.
				im.dev.StaticRoutes[i].Location = r.Location
				dup = true
			}
		}
		if !dup {
			im.dev.StaticRoutes = append(im.dev.StaticRoutes, r)
		}
	}
}

func (im *importer) iface(name string) *snapshot.Interface {
	for i := range im.dev.Interfaces {
		if im.dev.Interfaces[i].Name == name {
			return &im.dev.Interfaces[i]
		}
	}
	return nil
}

// interfaceOf names the interface holding an address (Libreswan's %defaultroute: the default
// route's interface), or "".
func (im *importer) interfaceOf(addr string) string {
	if addr == "%defaultroute" && len(im.defaultDevs) > 0 {
		return im.defaultDevs[0]
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return ""
	}
	for _, ifc := range im.dev.Interfaces {
		for _, p := range ifc.Addresses {
			if pp, err := netip.ParsePrefix(p); err == nil && pp.Addr() == a {
				return ifc.Name
			}
		}
	}
	return ""
}

func (im *importer) isLocal(addr string) bool { return im.interfaceOf(addr) != "" }

// vtiInterface finds a route-based child's interface: by the name the config gives, else by
// the VTI key or XFRM interface ID equal to the child's mark.
func (im *importer) vtiInterface(ch child) *snapshot.Interface {
	if ch.ifName != "" {
		if ifc := im.iface(ch.ifName); ifc != nil {
			return ifc
		}
	}
	if ch.mark == "" {
		return nil
	}
	want := markKey(ch.mark)
	for i := range im.dev.Interfaces {
		ifc := &im.dev.Interfaces[i]
		if ifc.Role == "vti" && ifc.Mark == want {
			return ifc
		}
	}
	return nil
}

// roles names the interfaces' roles: the default route's interface is the WAN (its IPv4
// addresses are the device's WAN addresses); VTI/XFRM interfaces carry IPsec; others with
// private addresses are LAN.
func (im *importer) roles() {
	for i := range im.dev.Interfaces {
		ifc := &im.dev.Interfaces[i]
		if ifc.Role != "other" && ifc.Role != "vlan" {
			continue
		}
		for _, d := range im.defaultDevs {
			if d == ifc.Name {
				ifc.Role = "wan"
			}
		}
		if ifc.Role != "wan" && len(ifc.Addresses) > 0 && allPrivate(ifc.Addresses) && ifc.Role != "vlan" {
			ifc.Role = "lan"
		}
		if ifc.Role == "wan" {
			for _, a := range ifc.Addresses {
				im.dev.WANAddresses = append(im.dev.WANAddresses, netip.MustParsePrefix(a).Addr().String())
			}
		}
	}
	if len(im.defaultDevs) == 0 && len(im.dev.Interfaces) > 0 {
		im.warnf("no default route (ip -j route show): the WAN interface and address are unknown")
	}
}

func allPrivate(addrs []string) bool {
	for _, a := range addrs {
		p, err := netip.ParsePrefix(a)
		if err != nil || !p.Addr().IsPrivate() {
			return false
		}
	}
	return true
}

func asErr(err error, target any) bool { return errors.As(err, target) }
