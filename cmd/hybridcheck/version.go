package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

func init() {
	register("version", "print the version of hybridcheck and of its snapshot format", func(ctx context.Context, e *env, f *textOrJSON, fs *pflag.FlagSet) error {
		if fs.NArg() > 0 {
			return usageError("takes no arguments")
		}
		info := versionInfo{
			Version: version.Version, Commit: version.Commit, SnapshotSchema: snapshot.SchemaVersion,
			OPA: version.OPA(), Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		}
		switch f.format {
		case "text":
			commit := info.Commit
			if commit == "" {
				commit = "unknown commit"
			}
			fmt.Fprintf(e.stdout, "hybridcheck %s (%s, snapshot schema %s, OPA %s, %s %s)\n", info.Version, commit, info.SnapshotSchema, info.OPA, info.Go, info.Platform)
		case "json":
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(info)
		default:
			return usageError("--format %q: want text or json", f.format)
		}
		return nil
	})
}

// versionInfo is `version --format json`.
type versionInfo struct {
	Version        string `json:"version"`
	Commit         string `json:"commit"`
	SnapshotSchema string `json:"snapshot_schema"`
	OPA            string `json:"opa"`
	Go             string `json:"go"`
	Platform       string `json:"platform"`
}
