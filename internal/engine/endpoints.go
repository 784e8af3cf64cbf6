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
	set, err := loadPolicies(nil)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(set.modules)
	if err != nil {
		return nil, err
	}
	// JSON strings are Rego string literals, so the values cannot change the query's meaning.
	r, _ := json.Marshal(region)
	p, _ := json.Marshal(provider)
	rs, err := rego.New(
		rego.Query(fmt.Sprintf("x := data.hybridcheck.lib.endpoints.required(%s, %s)", r, p)),
		rego.Compiler(compiler),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("endpoint table: %v", oneLine(err))
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("no endpoint list for region %q and credential provider %q", region, provider)
	}
	list, _ := rs[0].Bindings["x"].([]any)
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
