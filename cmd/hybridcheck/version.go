package main

import (
	"context"
	"fmt"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

func init() {
	register("version", "print the version of hybridcheck and of its snapshot format", func(ctx context.Context, e *env, args []string) error {
		fs := newFlags("version", "version", "Prints the tool version, the snapshot schema version and the OPA version.", e.stdout)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return usageError("takes no arguments")
		}
		fmt.Fprintf(e.stdout, "hybridcheck %s (snapshot schema %s, OPA %s)\n", version.Version, snapshot.SchemaVersion, version.OPA())
		return nil
	})
}
