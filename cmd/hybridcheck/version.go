package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

func init() {
	register("version", "print the version of hybridcheck and of its snapshot format", func(ctx context.Context, e *env, args []string) error {
		fs := newFlags("version", "version [--format text|json]",
			"Prints the tool version, the git commit it was built from, the snapshot schema version and\n"+
				"the OPA version; --format json prints them as one JSON object for scripts.", e.stdout)
		format := fs.String("format", "text", "output format: text or json")
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError("takes no arguments")
		}
		info := versionInfo{
			Version: version.Version, Commit: version.Commit, SnapshotSchema: snapshot.SchemaVersion,
			OPA: version.OPA(), Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		}
		switch *format {
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
			return usageError("--format %q: want text or json", *format)
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
