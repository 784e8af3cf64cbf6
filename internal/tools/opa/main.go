// Command opa is the stock OPA CLI (same version as go.mod) with hybridcheck's built-ins
// registered, so `opa check`, `opa test` and `opa eval` accept the policies exactly as the
// engine does. The Makefile's Rego gates and `make bench` use it.
package main

import (
	"errors"
	"os"

	"github.com/open-policy-agent/opa/cmd"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/path"
)

func main() {
	flow.Register()
	awspath.Register()
	path.Register()
	if err := cmd.RootCommand.Execute(); err != nil {
		var e *cmd.ExitError
		if errors.As(err, &e) {
			os.Exit(e.Exit)
		}
		os.Exit(1)
	}
}
