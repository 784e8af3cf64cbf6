package linux

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// maxAlsoDepth bounds also= chains (Libreswan and strongSwan both refuse loops).
const maxAlsoDepth = 16

// confSection is one `conn NAME` (or `config setup`, `ca NAME`) of an ipsec.conf.
type confSection struct {
	kind, name string
	file       string
	line       int
	keys       map[string]setting
	order      []string
}

// parseIPsecConf reads the ipsec.conf syntax shared by strongSwan's starter and Libreswan:
// unindented `config setup`, `conn NAME`, `ca NAME`, `include FILE`, `version 2.0` lines,
// and indented key=value lines belonging to the section above.
func parseIPsecConf(file, text string) ([]*confSection, error) {
	var out []*confSection
	var cur *confSection
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimRight(stripComment(raw), " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			f := strings.Fields(line)
			switch {
			case f[0] == "version" || f[0] == "include":
				cur = nil
				continue
			case (f[0] == "conn" || f[0] == "ca") && len(f) == 2:
				cur = &confSection{kind: f[0], name: f[1], file: file, line: n, keys: map[string]setting{}}
			case f[0] == "config" && len(f) == 2 && f[1] == "setup":
				cur = &confSection{kind: "config", name: "setup", file: file, line: n, keys: map[string]setting{}}
			default:
				return nil, fmt.Errorf("line %d: %q: want `conn NAME`, `config setup`, `ca NAME`, `include` or an indented key=value", n, strings.TrimSpace(line))
			}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("line %d: indented setting outside a conn or config section", n)
		}
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			return nil, fmt.Errorf("line %d: want key=value", n)
		}
		v = unquote(strings.TrimSpace(v))
		if _, dup := cur.keys[k]; !dup {
			cur.order = append(cur.order, k)
		}
		cur.keys[k] = setting{value: v, line: n}
	}
	return out, nil
}

// stripComment cuts a # comment that is not inside double quotes.
func stripComment(s string) string {
	in := false
	for i, c := range s {
		switch c {
		case '"':
			in = !in
		case '#':
			if !in {
				return s[:i]
			}
		}
	}
	return s
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

// libreswanMarkers and strongswanMarkers are keys (or key prefixes) only one of the two
// daemons knows; an ipsec.conf is read in the dialect whose markers it holds more of.
var (
	libreswanMarkers  = []string{"vti-interface", "vti-routing", "vti-shared", "ipsec-interface", "ikev2", "phase2alg", "salifetime", "ikev1-policy", "plutodebug", "dumpdir", "retransmit-timeout", "leftvti", "rightvti", "leftrsasigkey", "rightrsasigkey", "logfile", "logtime", "logappend", "protostack", "nat-ikev1-method", "encapsulation", "pfs", "ikepad", "fragmentation"}
	strongswanMarkers = []string{"keyexchange", "leftfirewall", "rightfirewall", "charondebug", "leftauth", "rightauth", "reauth", "mobike", "closeaction", "installpolicy", "leftcert", "leftsendcert", "rekeymargin", "keyingtries", "uniqueids", "strictcrlpolicy", "mark_in", "mark_out", "if_id_in", "if_id_out", "aggressive", "dpdaction"}
)

// isLibreswan tells the dialect from the keys used across all ipsec.conf sections (and a
// `version 2.0` line, which only Libreswan writes any more).
func isLibreswan(sections []*confSection, texts []string) bool {
	score := 0
	for _, s := range sections {
		for k := range s.keys {
			for _, m := range libreswanMarkers {
				if k == m {
					score++
				}
			}
			for _, m := range strongswanMarkers {
				if k == m {
					score--
				}
			}
		}
	}
	for _, t := range texts {
		for _, l := range strings.Split(t, "\n") {
			if strings.TrimSpace(l) == "version 2.0" {
				score++
			}
		}
	}
	return score > 0
}

// resolved is a conn's effective settings after %default and also= expansion, each with the
// file and line it came from.
type resolved map[string]struct {
	value string
	file  string
	line  int
}

// confConns expands every conn of the ipsec.conf files into a conn. Settings of the conn win
// over also= sections (in order), which win over conn %default.
func (im *importer) confConns(sections []*confSection, libreswan bool) []*conn {
	byName := map[string]*confSection{}
	var defaults []*confSection
	for _, s := range sections {
		if s.kind != "conn" {
			continue
		}
		if s.name == "%default" {
			defaults = append(defaults, s)
			continue
		}
		if _, dup := byName[s.name]; dup {
			im.warnf("%s:%d: conn %q defined twice: the first is used", s.file, s.line, s.name)
			continue
		}
		byName[s.name] = s
	}
	var out []*conn
	for _, s := range sections {
		if s.kind != "conn" || s.name == "%default" || byName[s.name] != s {
			continue
		}
		r := resolved{}
		for _, d := range defaults {
			im.apply(r, d, byName, 0)
		}
		im.apply(r, s, byName, 0)
		if (r.get("auto") == "" || r.get("auto") == "ignore") && isTemplate(s, sections) {
			// A conn only named by also= is a template, not a tunnel.
			continue
		}
		out = append(out, im.confConn(s, r, libreswan))
	}
	return out
}

func (r resolved) get(k string) string { return r[k].value }

// isTemplate reports whether another conn pulls s in with also=.
func isTemplate(s *confSection, all []*confSection) bool {
	for _, o := range all {
		for _, a := range strings.Fields(o.keys["also"].value) {
			if a == s.name {
				return true
			}
		}
	}
	return false
}

// apply layers the settings of s (after those of the sections its also= names) onto r.
func (im *importer) apply(r resolved, s *confSection, byName map[string]*confSection, depth int) {
	if depth > maxAlsoDepth {
		im.warnf("%s:%d: also= nested deeper than %d (a loop?): ignored below", s.file, s.line, maxAlsoDepth)
		return
	}
	for _, a := range strings.Fields(s.keys["also"].value) {
		if t, ok := byName[a]; ok {
			im.apply(r, t, byName, depth+1)
		} else {
			im.warnf("%s:%d: also=%s names no conn", s.file, s.keys["also"].line, a)
		}
	}
	for _, k := range s.order {
		if k == "also" {
			continue
		}
		r[k] = struct {
			value string
			file  string
			line  int
		}{s.keys[k].value, s.file, s.keys[k].line}
	}
}

// confConn maps one expanded conn. left is taken as the local side, as both daemons do when
// neither side's address is the host's (a config file cannot tell).
func (im *importer) confConn(s *confSection, r resolved, libreswan bool) *conn {
	loc := &snapshot.Location{File: s.file, Line: s.line}
	c := &conn{name: s.name, loc: loc, localAddr: r.get("left"), remote: r.get("right")}
	if im.isLocal(c.remote) && !im.isLocal(c.localAddr) {
		// The daemons swap sides when right is the host's own address.
		r = swapSides(r)
		c.localAddr, c.remote = c.remote, c.localAddr
	}
	c.localIDs = nonEmpty(r.get("leftid"), c.localAddr)
	c.remoteIDs = nonEmpty(r.get("rightid"), c.remote)
	// Both daemons load a conn only with auto=add, start, route or ondemand; the default is ignore.
	if a := r.get("auto"); a == "" || a == "ignore" {
		c.disabled = true
		im.warnf("%s: conn %q has no auto=add/start/route/ondemand: the daemon does not load it; taken as disabled", locString(loc), c.name)
	}
	c.ikeVersion = confIKEVersion(r, libreswan)
	c.auth = confAuth(r, libreswan)
	if v := r.get("ike"); v != "" {
		c.proposals, _, _ = im.proposals(v, libreswan, loc, "ike")
	} else {
		im.warnf("%s: conn %q: no ike= proposals: the daemon's defaults apply and are not modelled", locString(loc), c.name)
	}
	c.lifetime = im.duration(r, loc, 10800, "ikelifetime", "ike_lifetime", "ike-lifetime")
	if libreswan {
		c.lifetime = im.duration(r, loc, 28800, "ikelifetime", "ike-lifetime")
	}
	dpd := im.duration(r, loc, 30, "dpddelay")
	switch {
	case libreswan && r.get("dpddelay") != "":
		c.dpdDelay = dpd
	case !libreswan && (r.get("dpdaction") == "clear" || r.get("dpdaction") == "hold" || r.get("dpdaction") == "restart"):
		// strongSwan's dpdaction defaults to none, which turns DPD off.
		c.dpdDelay = dpd
	}
	if t := im.duration(r, loc, 0, "dpdtimeout"); t > 0 && dpd > 0 && c.dpdDelay > 0 {
		c.dpdMaxFail = t / dpd
	}
	c.children = []child{im.confChild(c, r, loc, libreswan)}
	return c
}

func (im *importer) confChild(c *conn, r resolved, loc *snapshot.Location, libreswan bool) child {
	ch := child{name: c.name, loc: loc, protocol: "esp"}
	ch.localTS = strings.FieldsFunc(r.get("leftsubnet"), isListSep)
	ch.remoteTS = strings.FieldsFunc(r.get("rightsubnet"), isListSep)
	ch.defaultSelectors(c)
	ch.transport = r.get("type") == "transport"
	if r.get("type") == "passthrough" || r.get("type") == "drop" || r.get("type") == "reject" {
		im.warnf("%s: conn %q is type=%s (a shunt, not a tunnel)", locString(loc), c.name, r.get("type"))
	}
	esp := r.get("esp")
	if v := r.get("phase2alg"); v != "" {
		esp = v
	}
	if v := r.get("ah"); v != "" {
		esp, ch.protocol = v, "ah"
	}
	if libreswan && r.get("phase2") == "ah" {
		ch.protocol = "ah"
	}
	if esp != "" {
		var props []snapshot.IPsecProposal
		props, ch.pfs, _ = im.proposals(esp, libreswan, loc, "esp")
		ch.proposals = withoutDH(props)
		if libreswan && ch.pfs == 0 && r.get("pfs") != "no" && len(c.proposals) > 0 {
			// Libreswan's PFS (on by default) uses the IKE SA's DH group when esp= names none.
			ch.pfs = c.proposals[0].DHGroup
		}
	} else {
		im.warnf("%s: conn %q: no esp= proposals: the daemon's defaults apply and are not modelled", locString(loc), c.name)
	}
	if libreswan {
		ch.lifetime = im.duration(r, loc, 28800, "salifetime", "keylife", "lifetime")
	} else {
		ch.lifetime = im.duration(r, loc, 3600, "lifetime", "keylife")
	}
	ch.mark = firstOf(r, "mark", "mark_out", "mark_in", "if_id_out", "if_id_in")
	if i := strings.IndexByte(ch.mark, '/'); i >= 0 {
		ch.mark = ch.mark[:i]
	}
	ch.ifName = r.get("vti-interface")
	if v := r.get("ipsec-interface"); v != "" && v != "no" {
		ch.ifName = "ipsec" + v
		if v == "yes" {
			ch.ifName = "ipsec1"
		}
	}
	ch.localVTI, ch.remoteVTI = r.get("leftvti"), r.get("rightvti")
	return ch
}

func (im *importer) proposals(v string, libreswan bool, loc *snapshot.Location, what string) ([]snapshot.IPsecProposal, int, []string) {
	props, pfs, unknown := parseProposals(v, libreswan)
	if len(unknown) > 0 {
		im.warnf("%s: %s proposal %q: %s not recognised", locString(loc), what, v, strings.Join(unknown, ", "))
	}
	return props, pfs, unknown
}

// duration reads the first of keys that is set, or def.
func (im *importer) duration(r resolved, loc *snapshot.Location, def int, keys ...string) int {
	for _, k := range keys {
		if v := r.get(k); v != "" {
			if d, ok := parseDuration(v); ok {
				return d
			}
			im.warnf("%s: %s=%q is not a duration", locString(loc), k, v)
		}
	}
	return def
}

func confIKEVersion(r resolved, libreswan bool) string {
	switch r.get("keyexchange") {
	case "ikev1":
		return "ikev1"
	case "ikev2":
		return "ikev2"
	case "ike":
		return "auto"
	}
	if libreswan {
		switch r.get("ikev2") {
		case "no", "never", "permit":
			return "ikev1"
		}
		return "ikev2" // Libreswan 4 and later default to IKEv2.
	}
	return "auto" // strongSwan's keyexchange=ike: IKEv2 initiated, both accepted.
}

func confAuth(r resolved, libreswan bool) string {
	a := r.get("leftauth")
	if a == "" {
		a = r.get("authby")
	}
	switch a {
	case "secret", "psk", "secret|rsasig":
		return "pre_shared_key"
	case "rsasig", "pubkey", "rsa", "ecdsa", "rsa-sha2", "rsasig,ecdsa", "ecdsa,rsasig":
		return "rsasig"
	case "eap-tls":
		return "eap-tls"
	case "":
		return "rsasig" // both daemons default to public key authentication
	}
	return "other"
}

func swapSides(r resolved) resolved {
	out := resolved{}
	for k, v := range r {
		switch {
		case strings.HasPrefix(k, "left"):
			out["right"+k[4:]] = v
		case strings.HasPrefix(k, "right"):
			out["left"+k[5:]] = v
		default:
			out[k] = v
		}
	}
	return out
}

func firstOf(r resolved, keys ...string) string {
	for _, k := range keys {
		if v := r.get(k); v != "" {
			return v
		}
	}
	return ""
}

// nonEmpty drops the empty strings; callers pass their values one by one, so the variadic
// slice is the function's own to filter in place.
func nonEmpty(xs ...string) []string {
	return slices.DeleteFunc(xs, func(x string) bool { return x == "" })
}

func isListSep(r rune) bool { return r == ',' || r == ' ' || r == '\t' }

func locString(l *snapshot.Location) string {
	if l == nil {
		return ""
	}
	return l.File + ":" + strconv.Itoa(l.Line)
}
