package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aws/aws-sdk-go-v2/aws"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/hybridcheck/hybridcheck/internal/awsconfig"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/securityhub"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	register("publish", "import findings into AWS Security Hub (ASFF, batches of 100)", runPublish)
}

// publishFlags are the flags of publish.
type publishFlags struct {
	evalFlags
	asffFile string
	snapPath string
	profile  string
	endpoint string
}

func (o *publishFlags) flags(fs *pflag.FlagSet) {
	fs.StringVar(&o.asffFile, "securityhub", "", "import the ASFF findings in `FILE` (from check --format asff)")
	fs.StringVar(&o.snapPath, "snapshot", "", "check `SNAPSHOT` and import its findings")
	o.declare(fs, "with --snapshot: ")
	fs.StringVar(&o.profile, "profile", "", "shared config profile (default: AWS_PROFILE or default)")
	fs.StringVar(&o.endpoint, "endpoint-url", "", "send the calls to this endpoint (moto, LocalStack)")
}

func runPublish(ctx context.Context, e *env, o *publishFlags, fs *pflag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q (see --help)", fs.Arg(0))
	}
	if (o.asffFile == "") == (o.snapPath == "") {
		return usageError("give exactly one of --securityhub FILE and --snapshot SNAPSHOT")
	}
	var findings []shtypes.AwsSecurityFinding
	var err error
	if o.asffFile != "" {
		findings, err = readASFF(o.asffFile)
	} else {
		findings, err = snapshotFindings(ctx, o.snapPath, o.evalFlags)
	}
	if err != nil {
		return err
	}
	clientFor, err := securityHubClients(ctx, o.profile, o.endpoint)
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
func snapshotFindings(ctx context.Context, path string, f evalFlags) ([]shtypes.AwsSecurityFinding, error) {
	now, err := parseAsOf(f.asOf)
	if err != nil {
		return nil, err
	}
	loaded, err := snapshot.Load(path)
	if err != nil {
		return nil, err
	}
	eng, ws, err := f.loadEngine(ctx, engine.Options{Now: now})
	if err != nil {
		return nil, err
	}
	rep, err := checkWaived(ctx, eng, loaded, ws, now)
	if err != nil {
		return nil, err
	}
	doc, err := report.NewASFF(rep)
	if err != nil {
		return nil, err
	}
	return securityhub.FromASFF(doc)
}

// securityHubClients resolves credentials once and returns a client per region.
func securityHubClients(ctx context.Context, profile, endpoint string) (func(string) (securityhub.API, error), error) {
	cfg, err := awsconfig.Load(ctx, "", profile)
	if err != nil {
		return nil, err
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, fmt.Errorf("no usable AWS credentials (environment, shared config, SSO or role): %s", errtext.OneLine(err))
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
