package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"
	"github.com/aws/smithy-go/logging"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/securityhub"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/waiver"
)

func init() {
	register("publish", "import findings into AWS Security Hub (ASFF, batches of 100)", runPublish)
}

func runPublish(ctx context.Context, e *env, args []string) error {
	fs := newFlags("publish", "publish --securityhub FILE | --snapshot SNAPSHOT [--waivers FILE] [flags]",
		"Imports findings into AWS Security Hub with BatchImportFindings, 100 a call, each into the region\n"+
			"and account the finding names. --securityhub takes the output of 'check --format asff';\n"+
			"--snapshot checks SNAPSHOT first (as 'check' does) and imports its failing, unknown, erroring and\n"+
			"waived results. Finding Ids are stable, so publishing a later run updates the findings instead\n"+
			"of adding new ones. Credentials come from the standard chain; the caller needs\n"+
			"securityhub:BatchImportFindings, and Security Hub must be enabled in the region. Exits 2 when\n"+
			"Security Hub refuses a finding or cannot be reached.", e.stdout)
	asffFile := fs.String("securityhub", "", "import the ASFF findings in `FILE` (from check --format asff)")
	snapPath := fs.String("snapshot", "", "check `SNAPSHOT` and import its findings")
	policyDirs := fs.StringArray("policy-dir", nil, "with --snapshot: add the Rego checks in `DIR` (repeatable)")
	waivers := fs.String("waivers", "", "with --snapshot: YAML `FILE` of waivers (waived results are imported as suppressed)")
	asOf := fs.String("as-of", "", "with --snapshot: evaluate as if checked at `TIME` (RFC 3339)")
	profile := fs.String("profile", "", "shared config profile (default: AWS_PROFILE or default)")
	endpoint := fs.String("endpoint-url", "", "send the calls to this endpoint (moto, LocalStack)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if (*asffFile == "") == (*snapPath == "") {
		return usageError("give exactly one of --securityhub FILE and --snapshot SNAPSHOT")
	}
	var findings []shtypes.AwsSecurityFinding
	var err error
	if *asffFile != "" {
		findings, err = readASFF(*asffFile)
	} else {
		findings, err = snapshotFindings(ctx, *snapPath, *policyDirs, *waivers, *asOf)
	}
	if err != nil {
		return err
	}
	clientFor, err := securityHubClients(ctx, *profile, *endpoint)
	if err != nil {
		return err
	}
	res, err := securityhub.Import(ctx, findings, clientFor)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "published %d findings to Security Hub in %s (%d BatchImportFindings calls)\n", res.Findings, regionsOrNone(res.Regions), res.Calls)
	return nil
}

func readASFF(path string) ([]shtypes.AwsSecurityFinding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, errors.Unwrap(err))
	}
	return securityhub.Decode(path, data)
}

// snapshotFindings checks a snapshot as `check` does and returns its ASFF findings.
func snapshotFindings(ctx context.Context, path string, policyDirs []string, waiverFile, asOf string) ([]shtypes.AwsSecurityFinding, error) {
	now, err := parseAsOf(asOf)
	if err != nil {
		return nil, err
	}
	loaded, err := snapshot.Load(path)
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: policyDirs, Now: now})
	if err != nil {
		return nil, err
	}
	ws, err := loadWaivers(waiverFile, eng)
	if err != nil {
		return nil, err
	}
	rep, err := eng.Check(ctx, loaded)
	if err != nil {
		return nil, err
	}
	if ws != nil {
		if now.IsZero() {
			now = time.Now()
		}
		*rep, _ = waiver.Apply(*rep, ws, now)
	}
	doc, err := report.NewASFF(rep)
	if err != nil {
		return nil, err
	}
	return securityhub.FromASFF(doc)
}

// securityHubClients resolves credentials once and returns a client per region.
func securityHubClients(ctx context.Context, profile, endpoint string) (func(string) (securityhub.API, error), error) {
	opts := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration: %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("no usable AWS credentials (environment, shared config, SSO or role): %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	clients := map[string]*sh.Client{}
	return func(region string) (securityhub.API, error) {
		if c, ok := clients[region]; ok {
			return c, nil
		}
		c := sh.NewFromConfig(cfg, func(o *sh.Options) {
			o.Region = region
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		})
		clients[region] = c
		return c, nil
	}, nil
}

func regionsOrNone(list []string) string {
	if len(list) == 0 {
		return "no region (nothing to import)"
	}
	return strings.Join(list, ", ")
}
