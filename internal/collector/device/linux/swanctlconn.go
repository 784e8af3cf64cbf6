package linux

import (
	"cmp"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// swanctl defaults (strongSwan 5.9): IKE rekeying every 4 h, CHILD_SA rekeying every hour.
const (
	swanctlIKERekey   = 14400
	swanctlChildRekey = 3600
)

// swanctlConns maps the `connections` section of a swanctl.conf (and conf.d files).
func (im *importer) swanctlConns(file string, root *section) []*conn {
	var out []*conn
	for _, top := range root.subs {
		if top.name != "connections" {
			continue
		}
		for _, s := range top.subs {
			out = append(out, im.swanctlConn(file, s))
		}
	}
	return out
}

func (im *importer) swanctlConn(file string, s *section) *conn {
	loc := &snapshot.Location{File: file, Line: s.line}
	c := &conn{name: s.name, loc: loc}
	locals := strings.FieldsFunc(s.get("local_addrs"), isListSep)
	remotes := strings.FieldsFunc(s.get("remote_addrs"), isListSep)
	if len(locals) > 0 {
		c.localAddr = locals[0]
	}
	if len(remotes) > 0 {
		c.remote = remotes[0]
	}
	if len(remotes) > 1 {
		im.warnf("%s: connection %q: only the first of remote_addrs %q is modelled", locString(loc), c.name, s.get("remote_addrs"))
	}
	var local, remote *section
	for _, sub := range s.subs {
		switch {
		case local == nil && strings.HasPrefix(sub.name, "local"):
			local = sub
		case remote == nil && strings.HasPrefix(sub.name, "remote"):
			remote = sub
		}
	}
	c.localIDs = nonEmpty(local.get("id"), c.localAddr)
	c.remoteIDs = nonEmpty(remote.get("id"), c.remote)
	c.auth = swanctlAuth(local.get("auth"))
	switch s.get("version") {
	case "1":
		c.ikeVersion = "ikev1"
	case "2":
		c.ikeVersion = "ikev2"
	default:
		c.ikeVersion = "auto"
	}
	if c.remote == "" || c.remote == "%any" {
		im.warnf("%s: connection %q has no remote_addrs: a responder for any peer (road warrior)", locString(loc), c.name)
	}
	if v := s.get("proposals"); v != "" && v != "default" {
		c.proposals, _, _ = im.proposals(v, false, loc, "proposals")
	} else {
		im.warnf("%s: connection %q: default IKE proposals apply and are not modelled", locString(loc), c.name)
	}
	c.lifetime = im.swanSeconds(s, loc, "rekey_time", swanctlIKERekey)
	if reauth := im.swanSeconds(s, loc, "reauth_time", 0); reauth > 0 && (c.lifetime == 0 || reauth < c.lifetime) {
		c.lifetime = reauth
	}
	c.dpdDelay = im.swanSeconds(s, loc, "dpd_delay", 0)
	if t := im.swanSeconds(s, loc, "dpd_timeout", 0); t > 0 && c.dpdDelay > 0 {
		c.dpdMaxFail = t / c.dpdDelay
	}
	for _, ch := range s.sub("children").subsOrNil() {
		c.children = append(c.children, im.swanctlChild(file, c, ch))
	}
	return c
}

func (s *section) subsOrNil() []*section {
	if s == nil {
		return nil
	}
	return s.subs
}

// defaultSelectors fills traffic selectors the configuration leaves out: the default is
// dynamic, the tunnel endpoint's own address (strongSwan and Libreswan alike).
func (ch *child) defaultSelectors(c *conn) {
	if len(ch.localTS) == 0 && c.localAddr != "" {
		ch.localTS = []string{c.localAddr}
	}
	if len(ch.remoteTS) == 0 && c.remote != "" {
		ch.remoteTS = []string{c.remote}
	}
}

func (im *importer) swanctlChild(file string, c *conn, s *section) child {
	loc := &snapshot.Location{File: file, Line: s.line}
	ch := child{name: s.name, loc: loc, protocol: "esp"}
	ch.localTS = strings.FieldsFunc(s.get("local_ts"), isListSep)
	ch.remoteTS = strings.FieldsFunc(s.get("remote_ts"), isListSep)
	ch.defaultSelectors(c)
	switch s.get("mode") {
	case "transport", "beet":
		ch.transport = true
	case "pass", "drop":
		im.warnf("%s: child %q is mode=%s (a shunt, not a tunnel)", locString(loc), s.name, s.get("mode"))
	}
	props := s.get("esp_proposals")
	if v := s.get("ah_proposals"); v != "" {
		props, ch.protocol = v, "ah"
	}
	if props != "" && props != "default" {
		var p []snapshot.IPsecProposal
		p, ch.pfs, _ = im.proposals(props, false, loc, "esp_proposals")
		ch.proposals = withoutDH(p)
	} else {
		im.warnf("%s: child %q: default ESP proposals apply and are not modelled", locString(loc), s.name)
	}
	ch.lifetime = im.swanSeconds(s, loc, "rekey_time", swanctlChildRekey)
	ch.mark = cmp.Or(s.get("mark_out"), s.get("mark_in"), s.get("if_id_out"), s.get("if_id_in"))
	if i := strings.IndexByte(ch.mark, '/'); i >= 0 {
		ch.mark = ch.mark[:i]
	}
	return ch
}

// swanSeconds reads a swanctl time value (seconds, or with s/m/h/d), or def when unset.
func (im *importer) swanSeconds(s *section, loc *snapshot.Location, key string, def int) int {
	v, ok := s.keys[key]
	if !ok {
		return def
	}
	d, ok := parseDuration(v.value)
	if !ok {
		im.warnf("%s:%d: %s = %q is not a duration", loc.File, v.line, key, v.value)
		return def
	}
	return d
}

func swanctlAuth(a string) string {
	switch {
	case a == "psk":
		return "pre_shared_key"
	case a == "" || a == "pubkey" || strings.HasPrefix(a, "rsa") || strings.HasPrefix(a, "ecdsa") || strings.HasPrefix(a, "ed25519"):
		return "rsasig" // swanctl's default is pubkey
	case a == "eap-tls":
		return "eap-tls"
	}
	return "other"
}

// markKey normalises a mark or interface ID for comparison (42, 0x2a).
func markKey(m string) string {
	if i := strings.IndexByte(m, '/'); i >= 0 {
		m = m[:i]
	}
	if n, err := strconv.ParseUint(m, 0, 32); err == nil {
		return strconv.FormatUint(n, 10)
	}
	// iproute2 prints a VTI's ikey/okey as a dotted quad (0.0.0.100).
	if a, err := netip.ParseAddr(m); err == nil && a.Is4() {
		b := a.As4()
		return strconv.FormatUint(uint64(b[0])<<24|uint64(b[1])<<16|uint64(b[2])<<8|uint64(b[3]), 10)
	}
	return m
}
