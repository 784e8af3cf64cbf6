// Package ciscoios imports the `show running-config` of Cisco IOS and IOS-XE routers into the
// snapshot's device model: interfaces, ACLs and the interface bindings that make them a
// firewall, NAT, IKEv1/IKEv2 and IPsec (tunnel protection and crypto maps), static routes
// and BGP. Pre-shared keys become keyed fingerprints; no password, secret, community or key
// string is kept.
package ciscoios

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Format is the --device format name.
const Format = "cisco-ios"

func init() { device.Register(Format, Import) }

// line is one command of the configuration with its 1-based line number and indentation.
type line struct {
	n      int
	indent int
	text   string
	words  []string
}

// block is a top-level command with the indented commands under it (sub-modes nested
// deeper, such as address-family under router bgp, stay in children with their indent).
type block struct {
	head     line
	children []line
}

func (b *block) word(i int) string { return b.head.word(i) }

func (l line) word(i int) string {
	if i < len(l.words) {
		return l.words[i]
	}
	return ""
}

// Import parses one running-config. The error names the line and the problem.
func Import(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
	blocks, err := parse(data)
	if err != nil {
		return nil, nil, err
	}
	im := newImporter(name, salt)
	return im.run(blocks)
}

// parse splits the configuration into top-level blocks. Comment lines (!) and `exit` are
// dropped, banners are skipped to their closing delimiter, and `end` ends the configuration.
func parse(data []byte) ([]*block, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("line %d: NUL byte: not a text running-config", bytes.Count(data[:i], []byte("\n"))+1)
	}
	var blocks []*block
	raw := strings.Split(string(data), "\n")
	banner := ""
	for i := 0; i < len(raw); i++ {
		text := strings.TrimRight(raw[i], " \t\r")
		if banner != "" {
			if strings.Contains(text, banner) {
				banner = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "!") || strings.HasPrefix(trimmed, "#") {
			continue
		}
		l := line{n: i + 1, indent: len(text) - len(trimmed), text: trimmed, words: strings.Fields(trimmed)}
		if l.indent == 0 {
			switch {
			case trimmed == "end":
				return blocks, nil
			case trimmed == "exit":
				continue
			case l.word(0) == "banner" && len(l.words) >= 2:
				if d := bannerDelimiter(l); d != "" {
					rest := strings.SplitN(trimmed, d, 2)
					if len(rest) < 2 || !strings.Contains(rest[1], d) {
						banner = d
					}
				}
				continue
			}
			blocks = append(blocks, &block{head: l})
			continue
		}
		if len(blocks) == 0 || l.text == "exit" {
			continue
		}
		b := blocks[len(blocks)-1]
		b.children = append(b.children, l)
	}
	return blocks, nil
}

// bannerDelimiter is the delimiter after `banner TYPE`: "^C" as IOS prints it, else the
// first character.
func bannerDelimiter(l line) string {
	if len(l.words) < 3 {
		return ""
	}
	// `banner motd ^C` or `banner motd #text#`: the delimiter starts the third word.
	idx := strings.Index(l.text, l.words[2])
	rest := l.text[idx:]
	if strings.HasPrefix(rest, "^C") {
		return "^C"
	}
	return rest[:1]
}

// importer holds the configuration's named objects while the device is built.
type importer struct {
	file     string
	salt     string
	warnings []string
	dev      *snapshot.Device

	acls       map[string]*acl
	netGroups  map[string]*block
	ifaces     []*ciscoIface
	ifaceByKey map[string]*ciscoIface
	crypto     *cryptoConfig
	inspect    []string // interfaces with `ip inspect` (CBAC)
	zoneMember []string // interfaces in a security zone (zone-based firewall)
	zonePairs  int
	defaults   []snapshot.StaticRoute // `ip route 0.0.0.0 0.0.0.0 ...`, kept as the default gateway
	// firstStateful is the first ip inspect, zone-member or zone-pair line, cited by the
	// warning that says the stateful feature is not modelled.
	firstStateful *line
}

func newImporter(name, salt string) *importer {
	return &importer{
		file: name, salt: salt,
		acls: map[string]*acl{}, netGroups: map[string]*block{}, ifaceByKey: map[string]*ciscoIface{},
	}
}

func (im *importer) warnf(l line, format string, args ...any) {
	im.warnings = append(im.warnings, fmt.Sprintf("line %d: ", l.n)+fmt.Sprintf(format, args...))
}

func (im *importer) location(l line, path string) *snapshot.Location {
	return &snapshot.Location{File: filepath.Base(im.file), Line: l.n, Path: path}
}

// run imports the blocks in dependency order: named objects first (object-groups, ACLs,
// crypto), then interfaces that refer to them, then what refers to interfaces.
func (im *importer) run(blocks []*block) (*snapshot.Device, []string, error) {
	if err := refuseOtherPlatforms(blocks); err != nil {
		return nil, nil, err
	}
	// The name is the hostname, known once the blocks are read; device.Import sets the format.
	im.dev = device.New("", "", snapshot.Firewall{Model: "cisco", DefaultAction: "pass"})
	im.crypto = newCryptoConfig()
	for _, b := range blocks {
		switch {
		case b.word(0) == "hostname":
			im.dev.Hostname = b.word(1)
		case b.word(0) == "version":
			im.dev.Version = b.word(1)
		case b.word(0) == "object-group":
			im.objectGroup(b)
		}
	}
	for _, b := range blocks {
		switch {
		case b.word(0) == "access-list":
			im.numberedACL(b)
		case b.word(0) == "ip" && b.word(1) == "access-list":
			im.namedACL(b)
		case b.word(0) == "crypto":
			im.cryptoBlock(b)
		case b.word(0) == "zone-pair":
			im.zonePairs++
			im.stateful(b.head)
		}
	}
	for _, b := range blocks {
		if b.word(0) == "interface" {
			im.iface(b)
		}
	}
	for _, b := range blocks {
		if b.word(0) == "ip" && b.word(1) == "route" {
			im.staticRoute(b.head)
		}
	}
	for _, b := range blocks {
		switch {
		case b.word(0) == "ip" && b.word(1) == "nat":
			im.natRule(b, blocks)
		case b.word(0) == "router" && b.word(1) == "bgp":
			im.bgp(b)
		}
	}
	im.dev.Name = im.dev.Hostname
	if im.dev.Name == "" {
		im.dev.Name = strings.TrimSuffix(filepath.Base(im.file), filepath.Ext(im.file))
	}
	im.finishInterfaces()
	im.buildIPsec()
	im.buildFirewall()
	return im.dev, im.warnings, nil
}

// refuseOtherPlatforms turns away configurations of Cisco platforms whose syntax differs
// (ASA, NX-OS) and files that are no IOS configuration at all, naming what was found.
func refuseOtherPlatforms(blocks []*block) error {
	known := 0
	for _, b := range blocks {
		switch b.word(0) {
		case "ASA", "PIX", "FWSM":
			if b.word(1) == "Version" {
				return fmt.Errorf("line %d: Cisco %s configuration (%s): the cisco-ios format reads IOS and IOS-XE only; ASA/PIX is not supported", b.head.n, b.word(0), b.head.text)
			}
		case "feature":
			return fmt.Errorf("line %d: NX-OS configuration (%q): the cisco-ios format reads IOS and IOS-XE only; NX-OS is not supported", b.head.n, b.head.text)
		case "hostname", "version", "interface", "ip", "router", "crypto", "access-list", "object-group", "service", "line", "no":
			known++
		}
	}
	if known == 0 {
		n := 1
		if len(blocks) > 0 {
			n = blocks[0].head.n
		}
		return fmt.Errorf("line %d: not an IOS running-config: no hostname, version, interface, ip, router, crypto or access-list command", n)
	}
	return nil
}

func (im *importer) stateful(l line) {
	if im.firstStateful == nil {
		im.firstStateful = &l
	}
}
