// Package awsconfig resolves the AWS configuration the way the AWS CLI does (environment,
// shared config and credentials files, SSO, assumed roles, instance roles), for every part of
// hybridcheck that calls AWS: the live collector and the S3 snapshot store.
package awsconfig

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"
)

// Load resolves the configuration; region and profile, when set, override what the
// environment says, and more adds options of the caller's. The SDK's own log lines (IMDS
// fallbacks, retries) are off: they would break the one-line-error rule, and what matters
// reaches the user through the returned errors. An error is one line.
func Load(ctx context.Context, region, profile string, more ...func(*config.LoadOptions) error) (aws.Config, error) {
	opts := append([]func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}, more...)
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("AWS configuration: %s", OneLine(err))
	}
	return cfg, nil
}

// OneLine is err's text on one line, every run of white space (the SDK's wrapped HTTP
// responses and retry summaries, YAML's lists of errors) folded to one space: hybridcheck's
// rule that an error is one line, for every caller of AWS and the collector's other inputs.
func OneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
