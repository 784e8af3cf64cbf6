package testkit

import "regexp"

// gatewayConfigPSK is a key in the XML of a CustomerGatewayConfiguration.
var gatewayConfigPSK = regexp.MustCompile(`<pre_shared_key>\s*([^<\s]+)\s*</pre_shared_key>`)

// AWSPreSharedKeys tells found of every pre-shared key in doc, a saved AWS describe output
// read as generic JSON: each PreSharedKey value (where is "PreSharedKey") and each
// <pre_shared_key> inside a CustomerGatewayConfiguration (where is
// "CustomerGatewayConfiguration <pre_shared_key>"). Tests use it to know the secrets that must
// not come out of an import.
func AWSPreSharedKeys(doc any, found func(key, where string)) {
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, el := range v {
				walk(k, el)
			}
		case []any:
			for _, el := range v {
				walk(key, el)
			}
		case string:
			switch key {
			case "PreSharedKey":
				found(v, "PreSharedKey")
			case "CustomerGatewayConfiguration":
				for _, m := range gatewayConfigPSK.FindAllStringSubmatch(v, -1) {
					found(m[1], "CustomerGatewayConfiguration <pre_shared_key>")
				}
			}
		}
	}
	walk("", doc)
}
