package version

import (
	"runtime/debug"
	"testing"
)

func TestFillFromBuildInfo(t *testing.T) {
	defer func(v, c string) { Version, Commit = v, c }(Version, Commit)
	for _, tc := range []struct {
		name                  string
		stampedV, stampedC    string
		info                  debug.BuildInfo
		wantVersion, wantComm string
	}{
		{"go install from the module proxy", devVersion, "", debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3", ""},
		{"go build in a dirty checkout keeps the dev version", devVersion, "", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261205-abc+dirty"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}}, devVersion, "abc-dirty"},
		{"make release stamps win", "v2.0.0", "def", debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}, "v2.0.0", "def"},
		{"go run", devVersion, "", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, devVersion, ""},
	} {
		Version, Commit = tc.stampedV, tc.stampedC
		fillFromBuildInfo(&tc.info)
		if Version != tc.wantVersion || Commit != tc.wantComm {
			t.Errorf("%s: got %q %q, want %q %q", tc.name, Version, Commit, tc.wantVersion, tc.wantComm)
		}
	}
}
