// Package version says which hybridcheck this is; snapshots and reports record it.
package version

import "github.com/open-policy-agent/opa/v1/version"

// Version is the hybridcheck release; release builds set it with
// -ldflags "-X github.com/hybridcheck/hybridcheck/internal/version.Version=v1.2.3".
var Version = "0.1.0-dev"

// OPA is the version of the embedded policy engine.
func OPA() string { return version.Version }
