package pfsense

import (
	"reflect"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// These fragments exercise layouts that none of the real files in testdata/realdata carry:
// pre-2.4.4 phase 1 proposals, VTI, interface groups, the FRR package and OPNsense's MVC
// sections. Element names and values follow what pfSense and OPNsense write.

const ifacesXML = `<interfaces>
	<wan><enable></enable><if>em0</if><ipaddr>dhcp</ipaddr></wan>
	<lan><enable></enable><if>em1</if><ipaddr>10.200.0.1</ipaddr><subnet>24</subnet></lan>
	<opt1><enable></enable><if>em2</if><ipaddr>10.200.1.1</ipaddr><subnet>24</subnet></opt1>
	<opt2><enable></enable><if>ipsec1</if><descr>AWS_VTI</descr></opt2>
</interfaces>`

// sectionCases are shared with FuzzImport as small seeds.
var sectionCases = []struct {
	name   string
	flavor flavor
	xml    string
	check  func(t *testing.T, dev *snapshot.Device, warnings []string)
}{
	{"pre-2.4.4 phase 1 with comma lists", pfSense, `<pfsense>` + ifacesXML + `<ipsec><phase1>
			<ikeid>3</ikeid><interface>wan</interface><remote-gateway>52.44.108.101</remote-gateway>
			<encryption-algorithm><name>aes</name><keylen>128</keylen></encryption-algorithm>
			<hash-algorithm>sha256,sha1</hash-algorithm><dhgroup>14</dhgroup>
			<authentication_method>pre_shared_key</authentication_method><pre-shared-key>k3y</pre-shared-key>
			</phase1></ipsec></pfsense>`, func(t *testing.T, dev *snapshot.Device, warnings []string) {
		p := dev.IPsec.Phase1[0]
		want := []snapshot.IPsecProposal{
			{Encryption: "aes", KeyLength: 128, Hash: "sha256", DHGroup: 14},
			{Encryption: "aes", KeyLength: 128, Hash: "sha1", DHGroup: 14},
		}
		if !reflect.DeepEqual(p.Proposals, want) || p.IKEVersion != "ikev1" || p.LifetimeSeconds != 28800 || p.DPDEnabled {
			t.Errorf("phase1 = %+v", p)
		}
		if !hasWarning(warnings, "interfaces/wan: address is assigned by DHCP at run time: no static address") {
			t.Errorf("warnings = %q", warnings)
		}
	}},
	{"VTI phase 2 and lan-type local network", pfSense, `<pfsense>` + ifacesXML + `<ipsec>
			<phase1><ikeid>1</ikeid><iketype>ikev2</iketype><remote-gateway>3.225.148.144</remote-gateway></phase1>
			<phase2><ikeid>1</ikeid><uniqid>a1</uniqid><mode>vti</mode>
				<localid><type>network</type><address>169.254.10.2</address><netbits>30</netbits></localid>
				<remoteid><type>address</type><address>169.254.10.1</address></remoteid>
				<protocol>esp</protocol><encryption-algorithm-option><name>aes256gcm</name><keylen>128</keylen></encryption-algorithm-option>
				<hash-algorithm-option>hmac_sha256</hash-algorithm-option><pfsgroup>off</pfsgroup></phase2>
			<phase2><ikeid>9</ikeid><uniqid>a2</uniqid><mode>tunnel</mode>
				<localid><type>opt1</type></localid>
				<remoteid><type>network</type><address>10.100.0.0</address><netbits>16</netbits></remoteid></phase2>
			</ipsec></pfsense>`, func(t *testing.T, dev *snapshot.Device, warnings []string) {
		vti := dev.IPsec.Phase2[0]
		if vti.Mode != "vti" || vti.LocalAddress != "169.254.10.2/30" || vti.RemoteAddress != "169.254.10.1/32" || len(vti.LocalNetworks) != 0 ||
			vti.PFSGroup != 0 || !reflect.DeepEqual(vti.Proposals, []snapshot.IPsecProposal{{Encryption: "aes256gcm", KeyLength: 128}}) {
			t.Errorf("vti = %+v", vti)
		}
		tun := dev.IPsec.Phase2[1]
		if !reflect.DeepEqual(tun.LocalNetworks, []string{"10.200.1.0/24"}) || tun.LifetimeSeconds != 3600 {
			t.Errorf("tunnel = %+v", tun)
		}
		if !hasWarning(warnings, `ipsec/phase2[2]: refers to phase 1 ikeid "9", which does not exist`) {
			t.Errorf("warnings = %q", warnings)
		}
		for _, i := range dev.Interfaces {
			if i.Name == "opt2" && i.Role != "vti" {
				t.Errorf("opt2 role %q, want vti", i.Role)
			}
		}
	}},
	{"interface group rules follow floating rules and name their members", pfSense, `<pfsense>` + ifacesXML + `
			<ifgroups><ifgroupentry><ifname>NODES</ifname><members>lan opt1</members></ifgroupentry></ifgroups>
			<filter>
				<rule><tracker>1</tracker><type>pass</type><interface>lan</interface><protocol>tcp</protocol>
					<source><network>lan</network></source><destination><any/><port>1000:2000</port></destination><descr>iface</descr></rule>
				<rule><tracker>2</tracker><type>block</type><interface>NODES</interface><source><any/></source><destination><any/></destination><descr>group</descr></rule>
				<rule><tracker>3</tracker><type>reject</type><interface></interface><floating>yes</floating><quick>yes</quick>
					<protocol>icmp</protocol><icmptype>echoreq,bogus</icmptype><source><any/></source><destination><any/></destination><descr>float</descr></rule>
			</filter></pfsense>`, func(t *testing.T, dev *snapshot.Device, warnings []string) {
		rs := rules(dev)
		if got := []string{rs[0].Description, rs[1].Description, rs[2].Description}; !reflect.DeepEqual(got, []string{"float", "group", "iface"}) {
			t.Fatalf("order = %v", got)
		}
		if rs[0].Direction != "any" || len(rs[0].Interfaces) != 0 || rs[0].Action != "reject" || !reflect.DeepEqual(rs[0].ICMPTypes, []int{8}) ||
			!reflect.DeepEqual(rs[0].Unsupported, []string{`ICMP type "bogus" not modelled`}) {
			t.Errorf("floating = %+v", rs[0])
		}
		if !reflect.DeepEqual(rs[1].Interfaces, []string{"lan", "opt1"}) || rs[1].Action != "block" {
			t.Errorf("group = %+v", rs[1])
		}
		if !reflect.DeepEqual(rs[2].Destination.Ports, []snapshot.PortRange{{From: 1000, To: 2000}}) {
			t.Errorf("ports = %+v", rs[2].Destination.Ports)
		}
	}},
	{"protocol spellings: numbers of named protocols, keywords, pfSense's own names", pfSense, `<pfsense>` + ifacesXML + `<filter>
				<rule><tracker>11</tracker><type>pass</type><interface>lan</interface><protocol>6</protocol><source><any/></source><destination><any/></destination><descr>six</descr></rule>
				<rule><tracker>12</tracker><type>pass</type><interface>lan</interface><protocol>icmp6</protocol><source><any/></source><destination><any/></destination><descr>icmp6</descr></rule>
				<rule><tracker>13</tracker><type>pass</type><interface>lan</interface><protocol>icmp</protocol><ipprotocol>inet6</ipprotocol><source><any/></source><destination><any/></destination><descr>icmp-inet6</descr></rule>
				<rule><tracker>14</tracker><type>pass</type><interface>lan</interface><protocol>ipv6</protocol><source><any/></source><destination><any/></destination><descr>ipv6</descr></rule>
				<rule><tracker>15</tracker><type>pass</type><interface>lan</interface><protocol>pfsync</protocol><source><any/></source><destination><any/></destination><descr>pfsync</descr></rule>
				<rule><tracker>16</tracker><type>pass</type><interface>lan</interface><protocol>bogus</protocol><source><any/></source><destination><any/></destination><descr>bogus</descr></rule>
			</filter></pfsense>`, func(t *testing.T, dev *snapshot.Device, warnings []string) {
		for descr, want := range map[string]string{"six": "tcp", "icmp6": "icmpv6", "icmp-inet6": "icmpv6", "ipv6": "41", "pfsync": "240", "bogus": "bogus"} {
			if r := ruleByDescr(t, dev, descr); r.Protocol != want {
				t.Errorf("%s: protocol %q, want %q", descr, r.Protocol, want)
			}
		}
		if r := ruleByDescr(t, dev, "bogus"); !reflect.DeepEqual(r.Unsupported, []string{`protocol "bogus" not modelled`}) {
			t.Errorf("bogus: unsupported %q", r.Unsupported)
		}
		if r := ruleByDescr(t, dev, "pfsync"); len(r.Unsupported) != 0 {
			t.Errorf("pfsync is a known protocol, yet unsupported %q", r.Unsupported)
		}
	}},
	{"aliases: ranges, FQDNs, nested ports, unknown protocol", pfSense, `<pfsense>` + ifacesXML + `<aliases>
			<alias><name>RANGE</name><type>host</type><address>10.0.0.1-10.0.0.6 eks.us-east-1.amazonaws.com</address></alias>
			<alias><name>WEB</name><type>port</type><address>80 443</address></alias>
			<alias><name>ALLPORTS</name><type>port</type><address>WEB 8000:8080</address></alias>
			<alias><name>FEED</name><type>url</type><url>https://feeds.example/list?token=s3cr3t</url></alias>
			</aliases><filter>
			<rule><tracker>7</tracker><type>pass</type><interface>lan</interface><protocol>ddp</protocol>
				<source><address>RANGE</address></source><destination><address>FEED</address><port>ALLPORTS</port></destination><descr>r</descr></rule>
			</filter></pfsense>`, func(t *testing.T, dev *snapshot.Device, warnings []string) {
		r := rules(dev)[0]
		if !reflect.DeepEqual(r.Source.CIDRs, []string{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}) ||
			!reflect.DeepEqual(r.Source.FQDNs, []string{"eks.us-east-1.amazonaws.com"}) {
			t.Errorf("source = %+v", r.Source)
		}
		if !reflect.DeepEqual(r.Destination.Ports, []snapshot.PortRange{{From: 80, To: 80}, {From: 443, To: 443}, {From: 8000, To: 8080}}) {
			t.Errorf("ports = %+v", r.Destination.Ports)
		}
		want := []string{`protocol "ddp" not modelled`, `destination alias "FEED": content is downloaded from a URL at run time`}
		if !reflect.DeepEqual(r.Unsupported, want) {
			t.Errorf("unsupported = %q", r.Unsupported)
		}
		if !hasWarning(warnings, `filter/rule[1] (tracker 7): protocol "ddp" not modelled`) {
			t.Errorf("warnings = %q", warnings)
		}
	}},
	{"NAT: other-subnet target, port forward, 1:1", pfSense, `<pfsense>` + ifacesXML + `<nat>
			<outbound><mode>advanced</mode><rule><source><network>lan</network></source><destination><network>10.100.0.0/16</network><not/></destination>
				<interface>wan</interface><target>other-subnet</target><targetip>198.51.100.8</targetip><targetip_subnet>29</targetip_subnet><disabled/></rule></outbound>
			<rule><source><any/></source><destination><network>wanip</network><port>443</port></destination><protocol>tcp</protocol>
				<target>10.200.0.5</target><local-port>8443</local-port><interface>wan</interface></rule>
			<onetoone><external>198.51.100.9</external><source><address>10.200.0.9</address></source><destination><any/></destination><interface>wan</interface></onetoone>
			</nat></pfsense>`, func(t *testing.T, dev *snapshot.Device, _ []string) {
		out, pf, one := dev.NAT.Rules[0], dev.NAT.Rules[1], dev.NAT.Rules[2]
		if out.Translation != "198.51.100.8/29" || !out.Disabled || !out.Destination.Not || !reflect.DeepEqual(out.Source.CIDRs, []string{"10.200.0.0/24"}) {
			t.Errorf("outbound = %+v", out)
		}
		if pf.Kind != "port-forward" || pf.Translation != "10.200.0.5:8443" || !pf.Destination.Self {
			t.Errorf("port forward = %+v", pf)
		}
		if one.Kind != "one-to-one" || one.Translation != "198.51.100.9" || !reflect.DeepEqual(one.Source.CIDRs, []string{"10.200.0.9/32"}) {
			t.Errorf("1:1 = %+v", one)
		}
	}},
	{"pfSense FRR BGP with a peer group", pfSense, `<pfsense>` + ifacesXML + `<installedpackages>
			<frr><config><enable>on</enable><routerid>10.200.0.1</routerid></config></frr>
			<frrbgp><config><enable>on</enable><asnum>65000</asnum>
				<row><distributeroutevalue>10.200.0.0/16</distributeroutevalue></row>
				<row><distributeroutevalue>192.168.0.0/16</distributeroutevalue></row></config></frrbgp>
			<frrbgpneighbors>
				<config><peer>AWS</peer><asnum>64512</asnum></config>
				<config><peer>169.254.10.1</peer><peergroup>AWS</peergroup><descr>tunnel 1</descr><password>md5secret</password></config>
				<config><peer>169.254.11.1</peer><asnum>64513</asnum></config>
			</frrbgpneighbors></installedpackages></pfsense>`, func(t *testing.T, dev *snapshot.Device, _ []string) {
		want := &snapshot.BGP{Enabled: true, LocalASN: 65000, RouterID: "10.200.0.1",
			Neighbors: []snapshot.BGPNeighbor{{Address: "169.254.10.1", RemoteASN: 64512, Enabled: true, Description: "tunnel 1"}, {Address: "169.254.11.1", RemoteASN: 64513, Enabled: true}},
			Networks:  []string{"10.200.0.0/16", "192.168.0.0/16"}}
		if !reflect.DeepEqual(dev.BGP, want) {
			t.Errorf("bgp = %+v", dev.BGP)
		}
	}},
	{"OPNsense MVC rules, aliases, source NAT and BGP", opnSense, `<opnsense>` + ifacesXML + `<filter>
				<rule><type>block</type><interface>lan</interface><source><any/></source><destination><any/></destination><descr>legacy</descr></rule>
			</filter><OPNsense>
			<Firewall><Alias><aliases>
				<alias uuid="a-1"><enabled>1</enabled><name>NODES</name><type>network</type><content>10.200.0.0/24
10.200.1.0/24</content><description>nodes</description></alias>
				<alias uuid="a-2"><enabled>0</enabled><name>OFF</name><type>host</type><content>10.9.9.9</content></alias>
			</aliases></Alias>
			<Filter><rules>
				<rule uuid="r-2"><enabled>1</enabled><sequence>20</sequence><action>pass</action><quick>1</quick><interface>lan</interface>
					<direction>in</direction><ipprotocol>inet</ipprotocol><protocol>TCP</protocol><source_net>NODES</source_net><source_not>0</source_not>
					<destination_net>OFF,10.100.0.0/16</destination_net><destination_not>0</destination_not><destination_port>https</destination_port><description>mvc lan</description></rule>
				<rule uuid="r-1"><enabled>0</enabled><sequence>10</sequence><action>pass</action><quick>0</quick><interface>lan,opt1</interface>
					<direction>any</direction><ipprotocol>inet46</ipprotocol><protocol>any</protocol><source_net>any</source_net><destination_net>(self)</destination_net><description>mvc floating</description></rule>
			</rules>
			<snatrules><rule uuid="s-1"><enabled>1</enabled><nonat>1</nonat><sequence>1</sequence><interface>wan</interface><ipprotocol>inet</ipprotocol>
				<protocol>any</protocol><source_net>NODES</source_net><destination_net>10.100.0.0/16</destination_net><target/><description>no nat</description></rule></snatrules>
			</Filter></Firewall>
			<quagga><general><enabled>1</enabled></general><bgp><enabled>1</enabled><asnumber>65000</asnumber><networks>10.200.0.0/16,192.168.0.0/16</networks>
				<neighbors><neighbor uuid="n-1"><enabled>0</enabled><description>t1</description><address>169.254.10.1</address><remoteas>64512</remoteas><password>pw</password></neighbor></neighbors>
			</bgp></quagga></OPNsense></opnsense>`, func(t *testing.T, dev *snapshot.Device, _ []string) {
		rs := rules(dev)
		if got := []string{rs[0].Description, rs[1].Description, rs[2].Description}; !reflect.DeepEqual(got, []string{"mvc floating", "mvc lan", "legacy"}) {
			t.Fatalf("order = %v", got)
		}
		fl := rs[0]
		if !fl.Floating || fl.Quick || !fl.Disabled || fl.Direction != "any" || fl.IPVersion != "any" || !fl.Source.Any || !fl.Destination.Self || fl.Tracker != "r-1" {
			t.Errorf("floating = %+v", fl)
		}
		lan := rs[1]
		if lan.Protocol != "tcp" || !reflect.DeepEqual(lan.Source.CIDRs, []string{"10.200.0.0/24", "10.200.1.0/24"}) ||
			!reflect.DeepEqual(lan.Destination.CIDRs, []string{"10.100.0.0/16"}) || lan.Destination.Alias != "OFF" ||
			!reflect.DeepEqual(lan.Destination.Ports, []snapshot.PortRange{{From: 443, To: 443}}) ||
			!reflect.DeepEqual(lan.Unsupported, []string{`destination alias "OFF": alias is disabled`}) {
			t.Errorf("lan = %+v", lan)
		}
		if legacy := rs[2]; !legacy.Quick || legacy.Direction != "in" {
			t.Errorf("legacy = %+v", legacy)
		}
		if n := dev.NAT.Rules[0]; !n.NoNAT || n.Translation != "" || len(n.Source.CIDRs) != 2 {
			t.Errorf("snat = %+v", n)
		}
		if dev.BGP == nil || !dev.BGP.Enabled || dev.BGP.LocalASN != 65000 || len(dev.BGP.Neighbors) != 1 || dev.BGP.Neighbors[0].Enabled ||
			dev.BGP.Neighbors[0].RemoteASN != 64512 || !reflect.DeepEqual(dev.BGP.Networks, []string{"10.200.0.0/16", "192.168.0.0/16"}) {
			t.Errorf("bgp = %+v", dev.BGP)
		}
	}},
}

func TestSections(t *testing.T) {
	for _, tc := range sectionCases {
		t.Run(tc.name, func(t *testing.T) {
			dev, warnings := importString(t, tc.flavor, tc.xml)
			validInSnapshot(t, dev, tc.flavor.root())
			tc.check(t, dev, warnings)
		})
	}
}
