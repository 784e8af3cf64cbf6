package pfsense

import (
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Lifetimes strongSwan gets from pfSense and OPNsense when the field is left empty.
const (
	defaultPhase1Lifetime = 28800
	defaultPhase2Lifetime = 3600
)

func (im *importer) importIPsec() snapshot.IPsec {
	ipsec := im.root.path("ipsec")
	out := snapshot.IPsec{Phase1: []snapshot.IPsecPhase1{}, Phase2: []snapshot.IPsecPhase2{}}
	phase1IDs := map[string]bool{}
	for i, e := range ipsec.all("phase1") {
		p1 := im.phase1(e, itemPath("ipsec/phase1", i))
		phase1IDs[p1.ID] = true
		out.Phase1 = append(out.Phase1, p1)
	}
	for i, e := range ipsec.all("phase2") {
		p2 := im.phase2(e, itemPath("ipsec/phase2", i))
		if !phase1IDs[p2.Phase1ID] {
			im.warnf("%s: refers to phase 1 ikeid %q, which does not exist", p2.Location.Path, p2.Phase1ID)
		}
		out.Phase2 = append(out.Phase2, p2)
	}
	swanctl := im.root.path("OPNsense", "Swanctl", "Connections")
	if n := len(swanctl.all("Connection")); n > 0 {
		im.warnf("OPNsense/Swanctl: %d connection(s) of the new IPsec connections model not modelled", n)
	}
	return out
}

func (im *importer) phase1(e *element, path string) snapshot.IPsecPhase1 {
	p := snapshot.IPsecPhase1{
		ID:            e.get("ikeid"),
		Disabled:      e.flag("disabled"),
		Description:   e.get("descr"),
		Interface:     e.get("interface"),
		RemoteGateway: e.get("remote-gateway"),
		// <splitconn/>: IKEv2 negotiates each phase 2 as its own child SA instead of one
		// child SA carrying every phase 2's selectors (HN-IPS-06).
		SplitConnections: e.flag("splitconn"),
		AuthMethod:       authMethod(e.get("authentication_method")),
		Location:         im.location(e, path),
	}
	// A value the importer cannot read is left out and named in Unread (and warned about),
	// never replaced by a default: the checks that need it then answer unknown.
	var ok bool
	if p.IKEVersion, ok = ikeVersion(e.get("iketype")); !ok {
		im.unread(&p.Unread, path, "ike_version", "iketype is not ikev1, ikev2 or auto")
	}
	p.LifetimeSeconds = im.phaseLifetime(&p.Unread, path, e.get("lifetime"), defaultPhase1Lifetime)
	if e.get("lifetime") == "" {
		// pfSense 2.5 and later derive an empty life time as 110% of the rekey time.
		if rekey, ok := parseSeconds(e.get("rekey_time"), 0); ok && rekey > 0 {
			p.LifetimeSeconds = rekey * 11 / 10
		}
	}
	// The key is read only to be replaced by its keyed fingerprint; it is never kept.
	p.PSKFingerprint = snapshot.PSKFingerprint(im.salt, e.get("pre-shared-key"))
	if d, err := strconv.Atoi(e.get("dpd_delay")); err == nil && d > 0 {
		p.DPDEnabled, p.DPDDelaySeconds = true, d
		p.DPDMaxFailures, _ = strconv.Atoi(e.get("dpd_maxfail"))
	}
	if items := e.path("encryption").all("item"); len(items) > 0 {
		// pfSense 2.4.4 and later: one <item> per proposal.
		for _, it := range items {
			props, ok := phase1Proposals(it)
			p.Proposals = append(p.Proposals, props...)
			if !ok {
				im.unread(&p.Unread, path, "dh_group", "dhgroup is not a DH group number from 1 to 65535")
			}
		}
	} else if e.has("encryption-algorithm") {
		if p.Proposals, ok = phase1Proposals(e); !ok {
			im.unread(&p.Unread, path, "dh_group", "dhgroup is not a DH group number from 1 to 65535")
		}
	}
	if p.Proposals == nil {
		p.Proposals = []snapshot.IPsecProposal{}
	}
	if e.flag("mobile") {
		im.warnf("%s: mobile-client phase 1 (road warrior) has no fixed remote gateway", path)
	}
	return p
}

// unread records a phase 1 or phase 2 field the export holds but the importer cannot read,
// once, in the entry's Unread list.
func (im *importer) unread(list *[]string, path, field, why string) {
	if slices.Contains(*list, field) {
		return
	}
	*list = append(*list, field)
	im.warnf("%s: %s; %s left out", path, why, field)
}

// phase1Proposals reads encryption-algorithm, hash-algorithm and dhgroup from an <item> or,
// before 2.4.4, from the phase 1 itself, where hash and DH group may be comma lists. ok is
// false when a DH group could not be read; that proposal has none.
func phase1Proposals(e *element) (out []snapshot.IPsecProposal, ok bool) {
	alg := e.child("encryption-algorithm")
	enc, keylen := alg.get("name"), keyLength(alg.get("keylen"))
	hashes := splitList(e.get("hash-algorithm"))
	if len(hashes) == 0 {
		hashes = []string{""}
	}
	groups := splitList(e.get("dhgroup"))
	if len(groups) == 0 {
		groups = []string{""}
	}
	ok = true
	for _, h := range hashes {
		for _, g := range groups {
			dh, err := strconv.Atoi(g)
			if g != "" && (err != nil || dh < 1 || dh > 65535) {
				dh, ok = 0, false
			}
			out = append(out, snapshot.IPsecProposal{Encryption: enc, KeyLength: keylen, Hash: h, DHGroup: dh})
		}
	}
	return out, ok
}

func (im *importer) phase2(e *element, path string) snapshot.IPsecPhase2 {
	p := snapshot.IPsecPhase2{
		ID:             e.get("uniqid"),
		Phase1ID:       e.get("ikeid"),
		Disabled:       e.flag("disabled"),
		Description:    e.get("descr"),
		Mode:           e.get("mode"),
		LocalNetworks:  []string{},
		RemoteNetworks: []string{},
		Protocol:       strings.ToLower(e.get("protocol")),
		Location:       im.location(e, path),
	}
	p.LifetimeSeconds = im.phaseLifetime(&p.Unread, path, e.get("lifetime"), defaultPhase2Lifetime)
	if p.ID == "" {
		p.ID = e.get("reqid")
	}
	if p.Protocol == "" {
		p.Protocol = "esp"
	}
	switch p.Mode {
	case "tunnel", "tunnel6", "transport", "vti":
	case "":
		p.Mode = "tunnel"
	default:
		im.warnf("%s: mode %q not modelled: taken as tunnel", path, p.Mode)
		p.Mode = "tunnel"
	}
	if p.Mode == "vti" {
		p.LocalAddress = im.phase2ID(e.child("localid"), path+"/localid", true)
		p.RemoteAddress = im.phase2ID(e.child("remoteid"), path+"/remoteid", true)
	} else if p.Mode != "transport" {
		p.LocalNetworks = im.selector(im.phase2ID(e.child("localid"), path+"/localid", false), path+"/localid")
		p.RemoteNetworks = im.selector(im.phase2ID(e.child("remoteid"), path+"/remoteid", false), path+"/remoteid")
	}
	if nat := e.child("natlocalid"); nat != nil && nat.get("type") != "" {
		im.warnf("%s: NAT/BINAT translation of the local network not modelled", path)
	}
	if pfs := e.get("pfsgroup"); pfs != "off" && pfs != "" {
		if g, err := strconv.Atoi(pfs); err == nil && g >= 1 && g <= 65535 {
			p.PFSGroup = g
		} else {
			im.unread(&p.Unread, path, "pfs_group", "pfsgroup is not off or a DH group number from 1 to 65535")
		}
	}
	hashes := e.all("hash-algorithm-option")
	for _, alg := range e.all("encryption-algorithm-option") {
		enc, keylen := alg.get("name"), keyLength(alg.get("keylen"))
		if len(hashes) == 0 || strings.Contains(enc, "gcm") || strings.Contains(enc, "chacha") {
			// AEAD ciphers carry their own integrity check.
			p.Proposals = append(p.Proposals, snapshot.IPsecProposal{Encryption: enc, KeyLength: keylen})
			continue
		}
		for _, h := range hashes {
			p.Proposals = append(p.Proposals, snapshot.IPsecProposal{Encryption: enc, KeyLength: keylen, Hash: phase2Hash(h.text)})
		}
	}
	if p.Protocol == "ah" {
		for _, h := range hashes {
			p.Proposals = append(p.Proposals, snapshot.IPsecProposal{Hash: phase2Hash(h.text)})
		}
	}
	if p.Proposals == nil {
		p.Proposals = []snapshot.IPsecProposal{}
	}
	return p
}

// selector turns a resolved identity into traffic-selector networks, IPv4 only as the model is.
func (im *importer) selector(id, path string) []string {
	if id == "" {
		return []string{}
	}
	v4, v6 := splitFamilies([]string{id})
	if len(v6) > 0 {
		im.warnf("%s: IPv6 traffic selector %s not modelled", path, id)
		return []string{}
	}
	return v4
}

// phase2ID resolves a local or remote identity: type network (address/netbits), address (a
// host), or an interface name (lan: that interface's networks). For VTI it is an address.
func (im *importer) phase2ID(e *element, path string, vti bool) string {
	if e == nil {
		return ""
	}
	typ, addr, bits := e.get("type"), e.get("address"), e.get("netbits")
	switch typ {
	case "network", "address":
		if a, _, ok := strings.Cut(addr, "/"); ok {
			// Some configs carry the prefix in <address> as well as in <netbits>.
			addr = a
		}
		ip, ok := parseIP(addr)
		if !ok {
			im.warnf("%s: address %q is not an IP address", path, addr)
			return ""
		}
		n := ip.BitLen()
		if typ == "network" {
			if b, err := strconv.Atoi(bits); err == nil && b >= 0 && b <= ip.BitLen() {
				n = b
			} else {
				im.warnf("%s: netbits %q is not a prefix length: taken as a host", path, bits)
			}
		}
		if vti {
			return netip.PrefixFrom(ip, n).String()
		}
		return netip.PrefixFrom(ip, n).Masked().String()
	case "none", "":
		return ""
	}
	name := strings.TrimSuffix(typ, "ip")
	if ifc, ok := im.ifaces[typ]; ok {
		// pfSense uses the interface's primary subnet here, not its IP alias subnets.
		if len(ifc.Networks) == 0 {
			im.warnf("%s: interface %q has no static network", path, typ)
			return ""
		}
		return ifc.Networks[0]
	}
	if ifc, ok := im.ifaces[name]; ok && strings.HasSuffix(typ, "ip") {
		if len(ifc.Addresses) == 0 {
			im.warnf("%s: interface %q has no static address", path, name)
			return ""
		}
		return netip.PrefixFrom(netip.MustParsePrefix(ifc.Addresses[0]).Addr(), 32).String()
	}
	im.warnf("%s: identity type %q not modelled", path, typ)
	return ""
}

// ikeVersion reads iketype; ok is false for a value pfSense never writes (ikev9).
func ikeVersion(t string) (string, bool) {
	switch t {
	case "ikev1", "ikev2", "auto":
		return t, true
	case "":
		// Before IKEv2 support the field did not exist and every tunnel was IKEv1.
		return "ikev1", true
	}
	return "", false
}

func authMethod(m string) string {
	switch m {
	case "pre_shared_key", "rsasig", "eap-tls":
		return m
	case "":
		return "pre_shared_key"
	}
	return "other"
}

// parseSeconds reads a life or rekey time in seconds: def when the field is empty (strongSwan's
// default), 0 and not ok when it holds something else than 1 to 2^31-1 (abc, -5,
// 99999999999999999999).
func parseSeconds(s string, def int) (int, bool) {
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > math.MaxInt32 {
		return 0, false
	}
	return n, true
}

// phaseLifetime reads a phase's <lifetime>, recording it in unread when it cannot be read.
func (im *importer) phaseLifetime(unread *[]string, path, s string, def int) int {
	n, ok := parseSeconds(s, def)
	if !ok {
		im.unread(unread, path, "lifetime_seconds", "lifetime is not a whole number of seconds from 1 to 2147483647")
	}
	return n
}

func keyLength(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// phase2Hash drops pfSense's "hmac_" prefix (hmac_sha256 -> sha256) to match phase 1 names.
func phase2Hash(h string) string { return strings.TrimPrefix(h, "hmac_") }
