// Package version says which hybridcheck this is; snapshots and reports record it.
package version

import (
	"runtime/debug"

	"github.com/open-policy-agent/opa/v1/version"
)

// Version is the hybridcheck release and Commit the git commit it was built from; `make
// release` sets both with -ldflags "-X github.com/hybridcheck/hybridcheck/internal/version.Version=v1.2.3
// -X github.com/hybridcheck/hybridcheck/internal/version.Commit=abc123". Builds that do not
// (go build, go install) fall back to what the Go toolchain recorded, see init.
var (
	Version = devVersion
	Commit  = ""
)

// devVersion is the version of a build nobody stamped.
const devVersion = "0.1.0-dev"

func init() {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	fillFromBuildInfo(info)
}

// fillFromBuildInfo takes, when -ldflags did not set them, the module version that `go install
// …@v1.2.3` records (only for builds from the module cache: inside a git checkout Go records a
// pseudo-version per commit, which would make every development snapshot's tool_version differ)
// and the commit a build inside a git checkout records.
func fillFromBuildInfo(info *debug.BuildInfo) {
	revision, modified := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if Version == devVersion && revision == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		Version = info.Main.Version
	}
	if Commit == "" && revision != "" {
		Commit = revision
		if modified {
			Commit += "-dirty"
		}
	}
}

// OPA is the version of the embedded policy engine.
func OPA() string { return version.Version }
