// Package awsconfig resolves the AWS configuration the way the AWS CLI does (environment,
// shared config and credentials files, SSO, assumed roles, instance roles), for every part of
// hybridcheck that calls AWS: the live collector and the S3 snapshot store.
package awsconfig

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
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
		return aws.Config{}, fmt.Errorf("AWS configuration: %s", errtext.OneLine(err))
	}
	return cfg, nil
}
