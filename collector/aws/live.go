package aws

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	"golang.org/x/sync/errgroup"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// EC2API is the part of the EC2 client the collector calls: Describe and Search actions only,
// which is what keeps the collector read-only by construction.
type EC2API interface {
	ec2.DescribeVpcsAPIClient
	ec2.DescribeSubnetsAPIClient
	ec2.DescribeRouteTablesAPIClient
	ec2.DescribeInternetGatewaysAPIClient
	ec2.DescribeNatGatewaysAPIClient
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeSecurityGroupRulesAPIClient
	ec2.DescribeTransitGatewaysAPIClient
	ec2.DescribeTransitGatewayAttachmentsAPIClient
	ec2.DescribeTransitGatewayVpcAttachmentsAPIClient
	ec2.DescribeTransitGatewayRouteTablesAPIClient
	DescribeVpcAttribute(context.Context, *ec2.DescribeVpcAttributeInput, ...func(*ec2.Options)) (*ec2.DescribeVpcAttributeOutput, error)
	DescribeAddresses(context.Context, *ec2.DescribeAddressesInput, ...func(*ec2.Options)) (*ec2.DescribeAddressesOutput, error)
	DescribeVpnGateways(context.Context, *ec2.DescribeVpnGatewaysInput, ...func(*ec2.Options)) (*ec2.DescribeVpnGatewaysOutput, error)
	DescribeCustomerGateways(context.Context, *ec2.DescribeCustomerGatewaysInput, ...func(*ec2.Options)) (*ec2.DescribeCustomerGatewaysOutput, error)
	DescribeVpnConnections(context.Context, *ec2.DescribeVpnConnectionsInput, ...func(*ec2.Options)) (*ec2.DescribeVpnConnectionsOutput, error)
	SearchTransitGatewayRoutes(context.Context, *ec2.SearchTransitGatewayRoutesInput, ...func(*ec2.Options)) (*ec2.SearchTransitGatewayRoutesOutput, error)
}

// EKSAPI is the part of the EKS client the collector calls.
type EKSAPI interface {
	DescribeCluster(context.Context, *eks.DescribeClusterInput, ...func(*eks.Options)) (*eks.DescribeClusterOutput, error)
}

// DXAPI is the part of the Direct Connect client the collector calls.
type DXAPI interface {
	DescribeConnections(context.Context, *directconnect.DescribeConnectionsInput, ...func(*directconnect.Options)) (*directconnect.DescribeConnectionsOutput, error)
	DescribeVirtualInterfaces(context.Context, *directconnect.DescribeVirtualInterfacesInput, ...func(*directconnect.Options)) (*directconnect.DescribeVirtualInterfacesOutput, error)
	DescribeDirectConnectGateways(context.Context, *directconnect.DescribeDirectConnectGatewaysInput, ...func(*directconnect.Options)) (*directconnect.DescribeDirectConnectGatewaysOutput, error)
	DescribeDirectConnectGatewayAssociations(context.Context, *directconnect.DescribeDirectConnectGatewayAssociationsInput, ...func(*directconnect.Options)) (*directconnect.DescribeDirectConnectGatewayAssociationsOutput, error)
}

// Clients are the three service clients of one region.
type Clients struct {
	EC2    EC2API
	EKS    EKSAPI
	DX     DXAPI
	Region string
	// Endpoint is the --endpoint-url, if any, recorded in each source's location.
	Endpoint string
}

// LiveOptions are the command line's choices for reaching AWS.
type LiveOptions struct {
	Region   string
	Profile  string
	Endpoint string
}

// maxAttempts bounds the retries of one call; adaptive mode also slows the whole client down
// when AWS throttles, so a big account is collected rather than refused.
const maxAttempts = 8

func newRetryer(maxBackoff time.Duration) aws.Retryer {
	return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = maxAttempts
			so.MaxBackoff = maxBackoff
		})
	})
}

// LoadClients resolves region and credentials the way the AWS CLI does (environment, shared
// config and credentials files, SSO, assumed roles, instance roles). A missing region or
// credentials fail the whole run here, before any call, with a message that says what to set.
func LoadClients(ctx context.Context, o LiveOptions) (Clients, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(20 * time.Second) }),
		// The SDK's own log lines (IMDS fallbacks, retries) would break the one-line-error rule;
		// what matters reaches the user through the sources and the returned errors.
		config.WithLogger(logging.Nop{}),
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return Clients{}, fmt.Errorf("AWS configuration: %s", oneLine(err))
	}
	if cfg.Region == "" {
		return Clients{}, errors.New("no AWS region: pass --region, set AWS_REGION, or set a region in the profile")
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return Clients{}, fmt.Errorf("no usable AWS credentials (environment, shared config, SSO or role): %s", oneLine(err))
	}
	return ClientsFromConfig(cfg, o.Endpoint), nil
}

// ClientsFromConfig builds the clients from a resolved configuration; endpoint, when set,
// replaces every service's endpoint (moto, LocalStack, a VPC endpoint).
func ClientsFromConfig(cfg aws.Config, endpoint string) Clients {
	return Clients{
		EC2: ec2.NewFromConfig(cfg, func(o *ec2.Options) {
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		}),
		EKS: eks.NewFromConfig(cfg, func(o *eks.Options) {
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		}),
		DX: directconnect.NewFromConfig(cfg, func(o *directconnect.Options) {
			if endpoint != "" {
				o.BaseEndpoint = aws.String(endpoint)
			}
		}),
		Region:   cfg.Region,
		Endpoint: endpoint,
	}
}

// Options scope a collection.
type Options struct {
	// Cluster is the EKS cluster whose VPC and remote networks are collected.
	Cluster string
	// VPCID scopes the collection to one VPC; with a cluster and no VPCID, the cluster's VPC.
	VPCID string
	// DirectConnect adds the Direct Connect calls.
	DirectConnect bool
	// Salt keys the PSK fingerprints (snapshot.NewSalt).
	Salt string
	// Progress, if set, is told what is being fetched and how much came back.
	Progress func(format string, args ...any)
	// Concurrency bounds the calls in flight; 0 means 8.
	Concurrency int
}

// Result is the AWS part of a snapshot and the sources it came from.
type Result struct {
	AWS     *snapshot.AWS
	Sources []snapshot.Source
}

// Collect queries AWS live. A call that fails (AccessDenied, say) is recorded as an errored
// source and the rest of the snapshot is still built; only when every call fails is the run
// itself an error, since then the snapshot would say nothing.
func Collect(ctx context.Context, c Clients, o Options) (*Result, error) {
	run := &liveRun{clients: c, opts: o, raw: newRawState(), sources: map[string]*snapshot.Source{}, tally: map[string]*callTally{}}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	run.location = c.Region
	if c.Endpoint != "" {
		run.location += " " + c.Endpoint
	}

	scope := o.VPCID
	if o.Cluster != "" {
		run.call("eks:DescribeCluster", func() (int, error) {
			out, err := c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(o.Cluster)})
			if err != nil {
				return 0, err
			}
			run.raw.Cluster = out.Cluster
			return 1, nil
		})
		if cl := run.raw.Cluster; scope == "" && cl != nil && cl.ResourcesVpcConfig != nil {
			scope = aws.ToString(cl.ResourcesVpcConfig.VpcId)
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(o.Concurrency)
	for _, f := range run.regionCalls(gctx, scope) {
		g.Go(func() error { f(); return nil })
	}
	_ = g.Wait()

	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(o.Concurrency)
	for _, f := range run.dependentCalls(gctx, scope) {
		g.Go(func() error { f(); return nil })
	}
	_ = g.Wait()

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{AWS: normalise(run.raw, c.Region, scope, o.Salt), Sources: run.sourceList()}
	if first, allFailed := allFailed(res.Sources); allFailed {
		return nil, fmt.Errorf("every AWS call failed (%s): %s", first.ID, first.Error)
	}
	return res, nil
}

func allFailed(sources []snapshot.Source) (snapshot.Source, bool) {
	var first snapshot.Source
	for i, s := range sources {
		if s.Status != "error" {
			return first, false
		}
		if i == 0 {
			first = s
		}
	}
	return first, len(sources) > 0
}

type liveRun struct {
	clients  Clients
	opts     Options
	location string

	mu      sync.Mutex
	raw     *rawState
	sources map[string]*snapshot.Source
	tally   map[string]*callTally
}

// call runs one API call (all its pages) and records its outcome under id. Calls that share
// an id (DescribeVpcAttribute per VPC, say) add up into one source: partial when some failed
// or a paged call broke off after some pages, error when none answered.
func (r *liveRun) call(id string, f func() (int, error)) {
	if r.opts.Progress != nil {
		r.opts.Progress("fetching %s", id)
	}
	n, err := f()
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.sources[id]
	if s == nil {
		s = &snapshot.Source{ID: id, Kind: "aws-api", Location: r.location}
		r.sources[id] = s
	}
	t := r.tally[id]
	if t == nil {
		t = &callTally{}
		r.tally[id] = t
	}
	s.Items += n
	switch {
	case err == nil:
		t.ok++
	case n > 0:
		t.partial++
	default:
		t.failed++
	}
	if err != nil {
		msg := apiError(err)
		if s.Error == "" {
			s.Error = msg
		} else if !strings.Contains(s.Error, msg) {
			s.Error += "; " + msg
		}
	}
	switch {
	case t.partial == 0 && t.failed == 0:
		s.Status = "ok"
	case t.ok == 0 && t.partial == 0:
		s.Status = "error"
	default:
		s.Status = "partial"
	}
	if len(s.Warnings) > 0 && s.Status == "ok" {
		s.Status = "partial"
	}
	if r.opts.Progress != nil {
		if err != nil {
			r.opts.Progress("%s failed: %s", id, apiError(err))
		} else {
			r.opts.Progress("%s: %d", id, n)
		}
	}
}

type callTally struct{ ok, partial, failed int }

func (r *liveRun) warn(id, warning string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s := r.sources[id]; s != nil {
		s.Warnings = append(s.Warnings, warning)
		if s.Status == "ok" {
			s.Status = "partial"
		}
	}
}

func (r *liveRun) sourceList() []snapshot.Source {
	out := make([]snapshot.Source, 0, len(r.sources))
	for _, s := range r.sources {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b snapshot.Source) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// apiError renders an SDK error as one line: the service's error code and message when AWS
// answered, else the transport error.
func apiError(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + oneLine(errors.New(ae.ErrorMessage()))
	}
	return oneLine(err)
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func vpcFilter(name, vpcID string) []ec2types.Filter {
	if vpcID == "" {
		return nil
	}
	return []ec2types.Filter{{Name: aws.String(name), Values: []string{vpcID}}}
}

// regionCalls are the calls that need nothing from another call. With a VPC scope the calls
// that can filter by VPC do, so a large account costs little; the rest are region-wide and
// the normaliser applies the scope to them.
func (r *liveRun) regionCalls(ctx context.Context, scope string) []func() {
	c := r.clients.EC2
	add := func(apply func()) { r.mu.Lock(); apply(); r.mu.Unlock() }
	calls := []func(){
		func() {
			in := &ec2.DescribeVpcsInput{}
			if scope != "" {
				in.VpcIds = []string{scope}
			}
			r.call("ec2:DescribeVpcs", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeVpcsPaginator(c, in), func(o *ec2.DescribeVpcsOutput) []ec2types.Vpc { return o.Vpcs })
				add(func() { r.raw.Vpcs = items })
				return len(items), err
			})
		},
		func() {
			in := &ec2.DescribeSubnetsInput{Filters: vpcFilter("vpc-id", scope)}
			r.call("ec2:DescribeSubnets", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeSubnetsPaginator(c, in), func(o *ec2.DescribeSubnetsOutput) []ec2types.Subnet { return o.Subnets })
				add(func() { r.raw.Subnets = items })
				return len(items), err
			})
		},
		func() {
			in := &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-id", scope)}
			r.call("ec2:DescribeRouteTables", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeRouteTablesPaginator(c, in), func(o *ec2.DescribeRouteTablesOutput) []ec2types.RouteTable { return o.RouteTables })
				add(func() { r.raw.RouteTables = items })
				return len(items), err
			})
		},
		func() {
			in := &ec2.DescribeInternetGatewaysInput{Filters: vpcFilter("attachment.vpc-id", scope)}
			r.call("ec2:DescribeInternetGateways", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeInternetGatewaysPaginator(c, in), func(o *ec2.DescribeInternetGatewaysOutput) []ec2types.InternetGateway { return o.InternetGateways })
				add(func() { r.raw.InternetGateways = items })
				return len(items), err
			})
		},
		func() {
			in := &ec2.DescribeNatGatewaysInput{Filter: vpcFilter("vpc-id", scope)}
			r.call("ec2:DescribeNatGateways", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeNatGatewaysPaginator(c, in), func(o *ec2.DescribeNatGatewaysOutput) []ec2types.NatGateway { return o.NatGateways })
				add(func() { r.raw.NatGateways = items })
				return len(items), err
			})
		},
		func() {
			r.call("ec2:DescribeAddresses", func() (int, error) {
				out, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.Addresses = out.Addresses })
				return len(out.Addresses), nil
			})
		},
		func() {
			in := &ec2.DescribeSecurityGroupsInput{Filters: vpcFilter("vpc-id", scope)}
			r.call("ec2:DescribeSecurityGroups", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeSecurityGroupsPaginator(c, in), func(o *ec2.DescribeSecurityGroupsOutput) []ec2types.SecurityGroup { return o.SecurityGroups })
				add(func() { r.raw.SecurityGroups = items })
				return len(items), err
			})
		},
		func() {
			r.call("ec2:DescribeTransitGateways", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeTransitGatewaysPaginator(c, &ec2.DescribeTransitGatewaysInput{}), func(o *ec2.DescribeTransitGatewaysOutput) []ec2types.TransitGateway { return o.TransitGateways })
				add(func() { r.raw.TransitGateways = items })
				return len(items), err
			})
		},
		func() {
			r.call("ec2:DescribeTransitGatewayAttachments", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeTransitGatewayAttachmentsPaginator(c, &ec2.DescribeTransitGatewayAttachmentsInput{}), func(o *ec2.DescribeTransitGatewayAttachmentsOutput) []ec2types.TransitGatewayAttachment {
					return o.TransitGatewayAttachments
				})
				add(func() { r.raw.TransitGatewayAttachments = items })
				return len(items), err
			})
		},
		func() {
			r.call("ec2:DescribeTransitGatewayVpcAttachments", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeTransitGatewayVpcAttachmentsPaginator(c, &ec2.DescribeTransitGatewayVpcAttachmentsInput{}), func(o *ec2.DescribeTransitGatewayVpcAttachmentsOutput) []ec2types.TransitGatewayVpcAttachment {
					return o.TransitGatewayVpcAttachments
				})
				add(func() { r.raw.TransitGatewayVpcAttachments = items })
				return len(items), err
			})
		},
		func() {
			r.call("ec2:DescribeTransitGatewayRouteTables", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeTransitGatewayRouteTablesPaginator(c, &ec2.DescribeTransitGatewayRouteTablesInput{}), func(o *ec2.DescribeTransitGatewayRouteTablesOutput) []ec2types.TransitGatewayRouteTable {
					return o.TransitGatewayRouteTables
				})
				add(func() { r.raw.TransitGatewayRouteTables = items })
				return len(items), err
			})
		},
		func() {
			in := &ec2.DescribeVpnGatewaysInput{Filters: vpcFilter("attachment.vpc-id", scope)}
			r.call("ec2:DescribeVpnGateways", func() (int, error) {
				out, err := c.DescribeVpnGateways(ctx, in)
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.VpnGateways = out.VpnGateways })
				return len(out.VpnGateways), nil
			})
		},
		func() {
			r.call("ec2:DescribeCustomerGateways", func() (int, error) {
				out, err := c.DescribeCustomerGateways(ctx, &ec2.DescribeCustomerGatewaysInput{})
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.CustomerGateways = out.CustomerGateways })
				return len(out.CustomerGateways), nil
			})
		},
		func() {
			r.call("ec2:DescribeVpnConnections", func() (int, error) {
				out, err := c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{})
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.VpnConnections = out.VpnConnections })
				return len(out.VpnConnections), nil
			})
		},
	}
	if r.opts.DirectConnect {
		r.raw.DXCollected = true
		calls = append(calls, r.directConnectCalls(ctx)...)
	}
	return calls
}

func (r *liveRun) directConnectCalls(ctx context.Context) []func() {
	c := r.clients.DX
	add := func(apply func()) { r.mu.Lock(); apply(); r.mu.Unlock() }
	return []func(){
		func() {
			r.call("directconnect:DescribeConnections", func() (int, error) {
				out, err := c.DescribeConnections(ctx, &directconnect.DescribeConnectionsInput{})
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.DXConnections = out.Connections })
				return len(out.Connections), nil
			})
		},
		func() {
			r.call("directconnect:DescribeVirtualInterfaces", func() (int, error) {
				out, err := c.DescribeVirtualInterfaces(ctx, &directconnect.DescribeVirtualInterfacesInput{})
				if err != nil {
					return 0, err
				}
				add(func() { r.raw.DXVirtualInterfaces = out.VirtualInterfaces })
				return len(out.VirtualInterfaces), nil
			})
		},
		func() {
			r.call("directconnect:DescribeDirectConnectGateways", func() (int, error) {
				var all []dxtypes.DirectConnectGateway
				in := &directconnect.DescribeDirectConnectGatewaysInput{}
				for {
					out, err := c.DescribeDirectConnectGateways(ctx, in)
					if err != nil {
						return len(all), err
					}
					all = append(all, out.DirectConnectGateways...)
					if aws.ToString(out.NextToken) == "" {
						break
					}
					in.NextToken = out.NextToken
				}
				add(func() { r.raw.DXGateways = all })
				return len(all), nil
			})
		},
	}
}

// dependentCalls need the answers of regionCalls: the DNS attributes of each VPC in scope, the
// routes of each TGW route table in scope, the associations of each Direct Connect gateway.
func (r *liveRun) dependentCalls(ctx context.Context, scope string) []func() {
	c := r.clients.EC2
	var calls []func()
	for _, v := range r.raw.Vpcs {
		id := aws.ToString(v.VpcId)
		if scope != "" && id != scope {
			continue
		}
		for _, attr := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsSupport, ec2types.VpcAttributeNameEnableDnsHostnames} {
			calls = append(calls, func() {
				r.call("ec2:DescribeVpcAttribute", func() (int, error) {
					out, err := c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: attr})
					if err != nil {
						return 0, err
					}
					r.mu.Lock()
					defer r.mu.Unlock()
					absorbVpcAttribute(r.raw, out)
					return 1, nil
				})
			})
		}
	}
	var groups []string
	for _, g := range r.raw.SecurityGroups {
		if scope == "" || aws.ToString(g.VpcId) == scope {
			groups = append(groups, aws.ToString(g.GroupId))
		}
	}
	// The group-id filter takes at most 200 values per call.
	for chunk := range slices.Chunk(groups, 200) {
		calls = append(calls, func() {
			in := &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: chunk}}}
			r.call("ec2:DescribeSecurityGroupRules", func() (int, error) {
				items, err := allPages(ctx, ec2.NewDescribeSecurityGroupRulesPaginator(c, in), func(o *ec2.DescribeSecurityGroupRulesOutput) []ec2types.SecurityGroupRule {
					return o.SecurityGroupRules
				})
				r.mu.Lock()
				r.raw.SecurityGroupRules = append(r.raw.SecurityGroupRules, items...)
				r.mu.Unlock()
				return len(items), err
			})
		})
	}
	inScope := tgwScope(r.raw, scope)
	for _, t := range r.raw.TransitGatewayRouteTables {
		rtb := aws.ToString(t.TransitGatewayRouteTableId)
		if scope != "" && !inScope[aws.ToString(t.TransitGatewayId)] {
			continue
		}
		calls = append(calls, func() {
			r.call("ec2:SearchTransitGatewayRoutes", func() (int, error) {
				out, err := c.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{
					TransitGatewayRouteTableId: aws.String(rtb),
					// The API requires a filter; these two states are every route that is in force.
					Filters: []ec2types.Filter{{Name: aws.String("state"), Values: []string{"active", "blackhole"}}},
				})
				if err != nil {
					return 0, err
				}
				r.mu.Lock()
				r.raw.TransitGatewayRoutes[rtb] = out.Routes
				r.mu.Unlock()
				if aws.ToBool(out.AdditionalRoutesAvailable) {
					r.warn("ec2:SearchTransitGatewayRoutes", rtb+" has more routes than one search returns; only those returned were collected")
				}
				return len(out.Routes), nil
			})
		})
	}
	for _, g := range r.raw.DXGateways {
		id := g.DirectConnectGatewayId
		calls = append(calls, func() {
			r.call("directconnect:DescribeDirectConnectGatewayAssociations", func() (int, error) {
				in := &directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: id}
				n := 0
				for {
					out, err := r.clients.DX.DescribeDirectConnectGatewayAssociations(ctx, in)
					if err != nil {
						return n, err
					}
					r.mu.Lock()
					r.raw.DXGatewayAssociations = append(r.raw.DXGatewayAssociations, out.DirectConnectGatewayAssociations...)
					r.mu.Unlock()
					n += len(out.DirectConnectGatewayAssociations)
					if aws.ToString(out.NextToken) == "" {
						return n, nil
					}
					in.NextToken = out.NextToken
				}
			})
		})
	}
	return calls
}

// tgwScope is the set of transit gateways that concern the VPC in scope: those with an
// attachment to it. Without a scope every transit gateway concerns the run.
func tgwScope(r *rawState, scope string) map[string]bool {
	out := map[string]bool{}
	for _, a := range r.TransitGatewayAttachments {
		if a.ResourceType == ec2types.TransitGatewayAttachmentResourceTypeVpc && aws.ToString(a.ResourceId) == scope {
			out[aws.ToString(a.TransitGatewayId)] = true
		}
	}
	for _, a := range r.TransitGatewayVpcAttachments {
		if aws.ToString(a.VpcId) == scope {
			out[aws.ToString(a.TransitGatewayId)] = true
		}
	}
	return out
}

func absorbVpcAttribute(r *rawState, out *ec2.DescribeVpcAttributeOutput) {
	a := r.attributes(aws.ToString(out.VpcId))
	if out.EnableDnsSupport != nil {
		a.EnableDNSSupport = aws.Bool(aws.ToBool(out.EnableDnsSupport.Value))
	}
	if out.EnableDnsHostnames != nil {
		a.EnableDNSHostnames = aws.Bool(aws.ToBool(out.EnableDnsHostnames.Value))
	}
}

// pager is what every generated EC2 paginator offers.
type pager[O any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*ec2.Options)) (O, error)
}

// allPages follows NextToken to the end; on an error it returns what the earlier pages gave.
func allPages[O, T any](ctx context.Context, p pager[O], items func(O) []T) ([]T, error) {
	var all []T
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return all, err
		}
		all = append(all, items(out)...)
	}
	return all, nil
}
