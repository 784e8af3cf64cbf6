package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/rego"
)

// RequiredEndpoints returns the AWS endpoints hybrid nodes must reach on TCP 443 for a region
// and credential model, read from the policies' one endpoint table
// (data.hybridcheck.lib.endpoints), so `probe` tests exactly what HN-EGR-01 and HN-PRB-01 expect.
func RequiredEndpoints(ctx context.Context, region, provider string) ([]string, error) {
	// JSON strings are Rego string literals, so the values cannot change the query's meaning.
	r, _ := json.Marshal(region)
	p, _ := json.Marshal(provider)
	value, err := queryEndpoints(ctx, fmt.Sprintf("required(%s, %s)", r, p))
	if err != nil {
		return nil, err
	}
	list, _ := value.([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no endpoint list for region %q and credential provider %q", region, provider)
	}
	sort.Strings(out)
	return out, nil
}

// Endpoint is a host (name or address) and the TCP port nodes reach it on.
type Endpoint struct {
	Host string
	Port int
}

// ManagementEndpoints returns what the intent's management platform adds to the endpoints
// nodes reach (the Palette SaaS domains and addresses for palette-saas, nothing otherwise),
// from the same table HN-EGR-02 and HN-PRB-01 read.
func ManagementEndpoints(ctx context.Context, management string) ([]Endpoint, error) {
	m, _ := json.Marshal(management)
	value, err := queryEndpoints(ctx, fmt.Sprintf("management(%s)", m))
	if err != nil {
		return nil, err
	}
	list, _ := value.([]any)
	var out []Endpoint
	for _, v := range list {
		e, _ := v.(map[string]any)
		host, _ := e["host"].(string)
		port, _ := e["port"].(json.Number)
		n, err := port.Int64()
		if host == "" || err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("endpoint table: management %q has a malformed entry %v", management, v)
		}
		out = append(out, Endpoint{Host: host, Port: int(n)})
	}
	return out, nil
}

// queryEndpoints evaluates one call of data.hybridcheck.lib.endpoints over the built-in
// policies and returns its value.
func queryEndpoints(ctx context.Context, call string) (any, error) {
	set, err := loadPolicies(nil)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(set.modules)
	if err != nil {
		return nil, err
	}
	rs, err := rego.New(
		rego.Query("x := data.hybridcheck.lib.endpoints."+call),
		rego.Compiler(compiler),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("endpoint table: %v", oneLine(err))
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("endpoint table: no value for %s", call)
	}
	return rs[0].Bindings["x"], nil
}
