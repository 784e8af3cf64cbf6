package generic

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"sigs.k8s.io/yaml"

	"github.com/hybridcheck/hybridcheck/internal/schemagen"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

const (
	docPath    = "../../../../docs/generic-device.md"
	schemaPath = "../../../../snapshots/generic-device.schema.json"
	salt       = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
)

// docExamples returns the ```yaml blocks of the format's documentation, exactly as printed.
func docExamples(t testing.TB) [][]byte {
	t.Helper()
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(doc, -1) {
		out = append(out, m[1])
	}
	if len(out) < 2 {
		t.Fatalf("%s: want the full example and the BGP example, found %d yaml blocks", docPath, len(out))
	}
	return out
}

func genericSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func schemaValidate(t testing.TB, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(v)
}

// validateSnapshot wraps the device in a snapshot and runs the snapshot's own schema validation.
func validateSnapshot(t *testing.T, dev *snapshot.Device) []byte {
	return devicetest.Validate(t, dev, salt)
}

func TestDocumentedExampleImportsAsPrinted(t *testing.T) {
	examples := docExamples(t)
	sch := genericSchema(t)
	dev, warnings, err := Import("edge.yaml", examples[0], salt)
	if err != nil {
		t.Fatalf("the documented example does not import: %v", err)
	}
	if err := schemaValidate(t, sch, examples[0]); err != nil {
		t.Errorf("the documented example fails its JSON Schema: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %q", warnings)
	}
	out := validateSnapshot(t, dev)
	if bytes.Contains(out, []byte("example-only")) {
		t.Fatal("a pre-shared key reached the snapshot")
	}

	got := [8]int{len(dev.Interfaces), len(dev.Aliases), len(dev.Firewall.Chains[0].Rules), len(dev.NAT.Rules),
		len(dev.IPsec.Phase1), len(dev.IPsec.Phase2), len(dev.StaticRoutes), len(dev.Gateways)}
	if want := [8]int{5, 5, 15, 2, 2, 2, 1, 1}; got != want {
		t.Errorf("interfaces, aliases, rules, NAT, phase 1, phase 2, routes, gateways = %v, want %v", got, want)
	}
	if dev.Name != "edge-fw-01" || dev.Format != "generic" || dev.Firewall.Model != "generic" || dev.Firewall.DefaultAction != "block" ||
		!reflect.DeepEqual(dev.WANAddresses, []string{"3.232.157.211"}) {
		t.Errorf("device header: %+v", dev)
	}
	if vlan := dev.Interfaces[2]; vlan.VLANID != 201 || !reflect.DeepEqual(vlan.Networks, []string{"10.200.1.0/24"}) || !vlan.Enabled {
		t.Errorf("VLAN interface: %+v", vlan)
	}
	rules := dev.Firewall.Chains[0].Rules
	ike := rules[0]
	if ike.Source.Alias != "aws_tunnels" || !reflect.DeepEqual(ike.Source.CIDRs, []string{"52.44.108.101/32", "3.225.148.144/32"}) ||
		ike.Protocol != "udp" || len(ike.Destination.Ports) != 3 || ike.Location.Path != "firewall.rules[0]" || ike.Location.File != "edge.yaml" {
		t.Errorf("IKE rule: %+v", ike)
	}
	if egress := rules[10]; len(egress.Destination.FQDNs) != 6 || egress.Destination.Any || egress.Destination.CIDRs != nil {
		t.Errorf("FQDN egress rule: %+v", egress.Destination)
	}
	if etcd := rules[13]; !reflect.DeepEqual(etcd.Destination.Ports, []snapshot.PortRange{{From: 4240, To: 4240}, {From: 2379, To: 2380}}) {
		t.Errorf("etcd ports: %v", etcd.Destination.Ports)
	}
	if self := rules[2]; !self.Source.Self || self.Source.Any {
		t.Errorf("self source: %+v", self.Source)
	}
	if exempt := dev.NAT.Rules[0]; !exempt.NoNAT || exempt.Destination.CIDRs[0] != "10.100.0.0/16" || exempt.Interface != "wan" {
		t.Errorf("NAT exemption: %+v", exempt)
	}
	p1 := dev.IPsec.Phase1[0]
	if p1.PSKFingerprint != snapshot.PSKFingerprint(salt, "example-only-tunnel-1-key") || p1.AuthMethod != "pre_shared_key" || p1.LifetimeSeconds != 28800 {
		t.Errorf("phase 1: %+v", p1)
	}
	if dev.IPsec.Phase1[1].AuthMethod != "pre_shared_key" || dev.IPsec.Phase1[1].PSKFingerprint == p1.PSKFingerprint {
		t.Errorf("tunnel 2 defaults or fingerprint wrong: %+v", dev.IPsec.Phase1[1])
	}
	if p2 := dev.IPsec.Phase2[0]; p2.Protocol != "esp" || p2.Mode != "tunnel" || !reflect.DeepEqual(p2.LocalNetworks, []string{"10.200.0.0/16", "192.168.0.0/16"}) {
		t.Errorf("phase 2: %+v", p2)
	}

	bgp, warnings, err := Import("bgp.yaml", examples[1], salt)
	if err != nil {
		t.Fatalf("the BGP example does not import: %v", err)
	}
	if err := schemaValidate(t, sch, examples[1]); err != nil {
		t.Errorf("the BGP example fails its JSON Schema: %v", err)
	}
	validateSnapshot(t, bgp)
	if bgp.BGP == nil || !bgp.BGP.Enabled || bgp.BGP.LocalASN != 65000 || bgp.BGP.Neighbors[0].RemoteASN != 64512 || bgp.IPsec.Phase2[0].Mode != "vti" {
		t.Errorf("BGP example: %+v", bgp.BGP)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "ipsec.phase1[0]: no pre_shared_key") {
		t.Errorf("want one warning for the missing key, got %q", warnings)
	}
}

func TestJSONAndYAMLGiveTheSameDevice(t *testing.T) {
	yml := docExamples(t)[0]
	js, err := os.ReadFile(filepath.Join("testdata", "seed-example.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Import("edge", yml, salt)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Import("edge", js, salt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("testdata/seed-example.json and the documented YAML example import differently; regenerate the JSON from the doc")
	}
}

var update = flag.Bool("update", false, "rewrite snapshots/generic-device.schema.json from the Go types")

// TestSchemaIsCurrent: snapshots/generic-device.schema.json is generated from File, its tags
// and doc comments; `go test ./collector/device/generic -update` rewrites it.
func TestSchemaIsCurrent(t *testing.T) {
	docs, err := schemagen.ReadDocs(".")
	if err != nil {
		t.Fatal(err)
	}
	root := schemagen.Generate(reflect.TypeOf(File{}), schemagen.Options{Docs: docs, MaxItems: maxListItems, RequiredByTag: true})
	root["$id"] = "https://hybridcheck.dev/schemas/generic-device-1.json"
	root["title"] = "hybridcheck generic device"
	root["description"] = "A vendor-neutral description of an edge device (firewall, router, VPN gateway) for hybridcheck collect --device generic:FILE; see docs/generic-device.md."
	for name, def := range root["$defs"].(map[string]any) {
		if def.(map[string]any)["description"] == nil {
			t.Errorf("type %s has no doc comment (it is the schema's description)", name)
		}
	}
	want, err := schemagen.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, schemaPath, want, *update, "go test ./internal/collector/device/generic -update")
}

func TestInvalidFilesAreOneLineErrorsNamingTheField(t *testing.T) {
	base := "hostname: fw\nfirewall:\n  default_action: block\n"
	rule := func(r string) string { return base + "  rules:\n    - " + r + "\n" }
	cases := []struct {
		name, input, want string
		schemaRejects     bool
	}{
		{"unknown top-level field", base + "hostnme: x\n", "hostnme: unknown field (known fields: aliases, bgp,", true},
		{"unknown nested field", rule("{action: pass, sorce: {cidrs: [10.0.0.0/8]}}"), "firewall.rules[0].sorce: unknown field", true},
		{"prefix too long", rule("{action: pass, source: {cidrs: [10.0.0.0/33]}}"), `firewall.rules[0].source.cidrs[0]: "10.0.0.0/33" is not an IPv4 CIDR`, true},
		{"octet too large", rule("{action: pass, destination: {cidrs: [300.1.1.1/8]}}"), `firewall.rules[0].destination.cidrs[0]: "300.1.1.1/8" is not an IPv4 CIDR`, true},
		{"IPv6 where IPv4 is required", base + "ipsec:\n  phase1:\n    - {id: a, remote_gateway: '2001:db8::1', ike_version: ikev2}\n", `ipsec.phase1[0].remote_gateway: "2001:db8::1" is IPv6; an IPv4 address is required`, true},
		{"IPv6 CIDR", base + "static_routes:\n  - destination: 2001:db8::/32\n", `static_routes[0].destination: "2001:db8::/32" is IPv6`, true},
		{"unknown enum value", rule("{action: allow}"), `firewall.rules[0].action: unknown value "allow" (one of pass, block, reject)`, true},
		{"unknown protocol", rule("{action: pass, protocol: tcpp}"), `firewall.rules[0].protocol: unknown value "tcpp"`, true},
		{"wrong type", base + "wan_addresses: 3.232.157.211\n", "wan_addresses: want a list, got a string", true},
		{"bad port range", rule("{action: pass, destination: {ports: [\"2380-2379\"]}}"), `firewall.rules[0].destination.ports[0]: "2380-2379" is not a port`, false},
		{"missing hostname", "firewall: {default_action: block}\n", "hostname: required", true},
		{"missing default action", "hostname: fw\nfirewall: {}\n", "firewall.default_action: required", true},
		{"duplicate key", "hostname: fw\nhostname: fw2\nfirewall: {default_action: block}\n", "invalid YAML/JSON", false},
		{"phase 2 without its phase 1", base + "ipsec:\n  phase2:\n    - {phase1_id: nope}\n", `ipsec.phase2[0].phase1_id: no phase 1 with id "nope"`, false},
		{"unknown alias", rule("{action: pass, source: {alias: office}}"), `firewall.rules[0].source.alias: no alias named "office"`, false},
		{"unknown interface", "hostname: fw\ninterfaces: [{name: wan, role: wan}]\nfirewall:\n  default_action: block\n  rules:\n    - {action: pass, interfaces: [lan]}\n", `firewall.rules[0].interfaces[0]: no interface named "lan"`, false},
		{"unknown NAT interface", "hostname: fw\ninterfaces: [{name: wan, role: wan}]\nfirewall: {default_action: block}\nnat:\n  rules: [{kind: masquerade, interface: wan0}]\n", `nat.rules[0].interface: no interface named "wan0"`, false},
		{"not without addresses", rule("{action: pass, source: {not: true}}"), "firewall.rules[0].source.not: negates nothing", false},
		{"ASN out of range", base + "bgp: {local_asn: 0}\n", "bgp.local_asn: 0 is below the minimum 1", true},
		{"VLAN out of range", base + "interfaces: [{name: v, role: vlan, vlan_id: 5000}]\n", "interfaces[0].vlan_id: 5000 is above the maximum 4095", true},
		{"blank hostname", "hostname: ' '\nfirewall: {default_action: block}\n", "hostname: must not be blank", true},
		{"protocol number too large", rule("{action: pass, protocol: 300}"), "firewall.rules[0].protocol: 300 is not an IP protocol number (0-255)", true},
		{"unknown phase 2 mode", base + "ipsec:\n  phase1: [{id: a, remote_gateway: 1.2.3.4, ike_version: ikev2}]\n  phase2: [{phase1_id: a, mode: route}]\n", `ipsec.phase2[0].mode: unknown value "route" (one of tunnel, transport, vti)`, true},
		{"negative lifetime", base + "ipsec:\n  phase1: [{id: a, remote_gateway: 1.2.3.4, ike_version: ikev2, lifetime_seconds: -1}]\n", "ipsec.phase1[0].lifetime_seconds: -1 is below the minimum 0", true},
		{"IPv6 interface address", base + "interfaces: [{name: v, role: lan, addresses: ['2001:db8::1/64']}]\n", `interfaces[0].addresses[0]: "2001:db8::1/64" is IPv6; an IPv4 CIDR is required`, true},
		{"missing phase 1 id", base + "ipsec:\n  phase1: [{remote_gateway: 1.2.3.4, ike_version: ikev2}]\n", "ipsec.phase1[0].id: required", true},
		{"empty document", "", "the document is empty", true},
		{"JSON syntax error", `{"hostname": "fw",`, "invalid YAML/JSON", false},
		{"not a mapping", "- a\n- b\n", "the document: want a mapping of fields, got a list", true},
	}
	sch := genericSchema(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Import("edge.yaml", []byte(tc.input), salt)
			devicetest.OneLineError(t, err, tc.want)
			if tc.schemaRejects && tc.input != "" {
				if js, jerr := yaml.YAMLToJSON([]byte(tc.input)); jerr == nil {
					v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(js))
					if sch.Validate(v) == nil {
						t.Errorf("the JSON Schema accepts what the importer refuses")
					}
				}
			}
		})
	}
}

// YAML reads "version: 7.2" and "description: 2024" as numbers and an empty "nat:" as null;
// text fields take numbers as written, an empty field is left out, and the schema validates
// the file as the importer read it.
func TestNumbersInTextFieldsAreText(t *testing.T) {
	in := "hostname: 42\nversion: 7.2\nnat:\nfirewall:\n  default_action: block\n  rules:\n    - {action: pass, description: 2024, protocol: 6, interfaces: [1]}\n"
	dev, _, err := Import("edge.yaml", []byte(in), salt)
	if err != nil {
		t.Fatal(err)
	}
	r := dev.Firewall.Chains[0].Rules[0]
	if dev.Name != "42" || dev.Version != "7.2" || r.Description != "2024" || r.Protocol != "tcp" || !slices.Equal(r.Interfaces, []string{"1"}) {
		t.Errorf("device %q version %q, rule %+v", dev.Name, dev.Version, r)
	}
}

func TestMisplacedKeyNeverReachesAMessage(t *testing.T) {
	cases := []string{
		"hostname: fw\nfirewall: {default_action: block}\nipsec:\n  phase1:\n    - {id: a, remote_gateway: 1.2.3.4, ike_version: ikev2, pre_shared_key: [SECRETVALUE]}\n",
		"hostname: fw\nfirewall: {default_action: block}\nipsec:\n  phase1:\n    - {id: a, remote_gateway: 1.2.3.4, ike_version: ikev2, psk: SECRETVALUE}\n",
		"hostname: fw\nfirewall: {default_action: block}\nipsec:\n  phase1:\n    - {id: a, remote_gateway: 1.2.3.4, ike_version: ikev2, auth_method: rsasig, pre_shared_key: SECRETVALUE}\n",
	}
	for _, in := range cases {
		_, _, err := Import("edge.yaml", []byte(in), salt)
		if err == nil {
			t.Fatalf("accepted:\n%s", in)
		}
		if strings.Contains(err.Error(), "SECRETVALUE") {
			t.Errorf("the key leaked into %q", err)
		}
	}
}

// FuzzImport is seeded from the documented examples. Run it with -fuzzminimizetime=100x:
// YAML finds new coverage on almost every mutation, and minimising a multi-KB seed for the
// default 60 s each time leaves no time to fuzz.
func FuzzImport(f *testing.F) {
	for _, ex := range docExamples(f) {
		f.Add(ex)
	}
	if js, err := os.ReadFile(filepath.Join("testdata", "seed-example.json")); err == nil {
		f.Add(js)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dev, _, err := Import("fuzz.yaml", data, salt)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if dev.Firewall.Model != "generic" || len(dev.Firewall.Chains) != 1 {
			t.Fatalf("device %+v", dev.Firewall)
		}
	})
}
