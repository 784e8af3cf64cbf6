package collector

import (
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

const intentSchemaPath = "../../snapshots/intent.schema.json"

func intentSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(intentSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jsonschema.UnmarshalJSON(mustOpen(t, intentSchemaPath))
	if err != nil {
		t.Fatal(err)
	}
	props := raw.(map[string]any)["properties"].(map[string]any)
	return sch, props
}

// TestIntentLoaderAndSchemaAgree: the fields, enums and value rules of the intent loader are
// those of snapshots/intent.schema.json, and on a corpus of intents the loader accepts exactly
// what the schema validates.
func TestIntentLoaderAndSchemaAgree(t *testing.T) {
	sch, props := intentSchema(t)
	if got, want := slices.Sorted(maps.Keys(props)), slices.Sorted(maps.Keys(intentFields())); !slices.Equal(got, want) {
		t.Errorf("schema fields %v, loader fields %v", got, want)
	}
	for field, rule := range intentRules {
		p, _ := props[field].(map[string]any)
		var enum []string
		if list, ok := p["enum"].([]any); ok {
			for _, v := range list {
				enum = append(enum, v.(string))
			}
		}
		if !slices.Equal(enum, rule.Enum) {
			t.Errorf("%s: schema enum %v, loader %v", field, enum, rule.Enum)
		}
	}
	corpus := []string{
		"region: us-east-1\ncluster: eks-hybrid\n",
		"remote_node_cidrs: [10.200.0.0/16]\nremote_pod_cidrs: [192.168.0.0/16]\n",
		"remote_node_cidrs: [10.200.0.1/16]\n", // host bits: the loader refuses, the schema's pattern accepts
		"remote_node_cidrs: [10.200.0.0/33]\n", // not a prefix
		"remote_node_cidrs: 10.200.0.0/16\n",   // not a list
		"service_cidr: 172.20.0.0/16\n",
		"service_cidr: fd00::/108\n",
		"connectivity: site-to-site-vpn\nrouting: bgp\ntarget_gateway: tgw\n",
		"connectivity: vpn\n",
		"connectivity: software-vpn\nsoftware_vpn: wireguard\n",
		"software_vpn: strongswan\n",
		"credential_provider: iam-roles-anywhere\n",
		"credential_provider: irsa\n",
		"cni_overlay: vxlan\n",
		"cni_overlay: geneve\n",
		"public_ip: 203.0.113.10\n",
		"public_ip: 203.0.113.300\n",
		"max_snapshot_age: 7d\n",
		"max_snapshot_age: 7 days\n",
		"hybrid_security_groups: [sg-0a1b2c3d4e5f60718]\n",
		"hybrid_security_groups: sg-0a1b2c3d4e5f60718\n",
		"target_gateway: dxgw\n",
		"management: palette-saas\n",
		"management: rancher\n",
		"regoin: us-east-1\n", // misspelled field
		"routing: static\nvpc_id: vpc-0518d3603257bf85d\n",
		"cluster: 42\n",
	}
	// The loader refuses host bits on purpose (a typo more often than not) where a pattern
	// cannot tell; that is the one known difference, and it is the loader being stricter.
	stricter := map[string]bool{"remote_node_cidrs: [10.200.0.1/16]\n": true}
	for _, doc := range corpus {
		_, loadErr := ParseIntent("intent.yaml", []byte(doc))
		schemaErr := validateYAML(sch, doc)
		if (loadErr == nil) != (schemaErr == nil) && !stricter[doc] {
			t.Errorf("%q: loader error %v, schema error %v; they must agree", doc, loadErr, schemaErr)
		}
		if stricter[doc] && (loadErr == nil || schemaErr != nil) {
			t.Errorf("%q: want the loader to refuse what the schema accepts; loader %v, schema %v", doc, loadErr, schemaErr)
		}
	}
	ref, err := readFileString("../../testdata/reference/intent.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := validateYAML(sch, ref); err != nil {
		t.Errorf("the reference intent does not validate: %v", err)
	}
}

func validateYAML(sch *jsonschema.Schema, doc string) error {
	var v any
	if err := yaml.Unmarshal([]byte(doc), &v); err != nil {
		return err
	}
	// Through JSON, so YAML's types become the ones the validator knows.
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func readFileString(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
