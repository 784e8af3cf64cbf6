package aws

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/hybridcheck/hybridcheck/internal/awsconfig"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
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
	ec2.DescribeNetworkAclsAPIClient
	ec2.DescribeManagedPrefixListsAPIClient
	ec2.GetManagedPrefixListEntriesAPIClient
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
	// RoleARN, when set, is assumed (STS AssumeRole) with the resolved credentials, and every
	// call is made as that role: scanning another account of an organisation. ExternalID is
	// passed along when the role's trust policy asks for one.
	RoleARN    string
	ExternalID string
}

// maxAttempts bounds the retries of one call; adaptive mode also slows the whole client down
// when AWS throttles, so a big account is collected rather than refused.
const maxAttempts = 8

func newRetryer(maxBackoff time.Duration) aws.Retryer {
	return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, retryOptions(maxBackoff))
	})
}

// retryOptions are the attempts and backoff of every call; which errors are retried (throttling
// codes such as RequestLimitExceeded, HTTP 500, 502, 503 and 504, connection resets) is the
// SDK's standard choice.
func retryOptions(maxBackoff time.Duration) func(*retry.StandardOptions) {
	return func(so *retry.StandardOptions) {
		so.MaxAttempts = maxAttempts
		so.MaxBackoff = maxBackoff
	}
}

// LoadClients resolves region and credentials the way the AWS CLI does (environment, shared
// config and credentials files, SSO, assumed roles, instance roles). A missing region or
// credentials fail the whole run here, before any call, with a message that says what to set.
func LoadClients(ctx context.Context, o LiveOptions) (Clients, error) {
	cfg, err := awsconfig.Load(ctx, o.Region, o.Profile, config.WithRetryer(func() aws.Retryer { return newRetryer(20 * time.Second) }))
	if err != nil {
		return Clients{}, err
	}
	if cfg.Region == "" {
		return Clients{}, errors.New("no AWS region: pass --region, set AWS_REGION, or set a region in the profile")
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return Clients{}, fmt.Errorf("no usable AWS credentials (environment, shared config, SSO or role): %s", errtext.OneLine(err))
	}
	if o.RoleARN != "" {
		cfg.Credentials = AssumeRole(cfg, o.Endpoint, o.RoleARN, o.ExternalID)
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return Clients{}, fmt.Errorf("cannot assume role %s: %s", o.RoleARN, errtext.OneLine(err))
		}
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
	// Progress, if set, is told what is being fetched and how much came back; it is called
	// from one goroutine at a time.
	Progress func(format string, args ...any)
	// Concurrency bounds the requests in flight; 0 means DefaultConcurrency.
	Concurrency int
	// Timeout bounds each API call (one request or page, its retries included); a call that
	// runs over is recorded as an errored source. All the pages of one call together get
	// chainTimeouts times it. 0 means DefaultTimeout.
	Timeout time.Duration
}

// DefaultConcurrency keeps a run well inside EC2's request token bucket for non-mutating
// actions (a burst of 100, refilled at 20 a second) and is high enough that a slow API does not
// serialise the collection.
const DefaultConcurrency = 16

// DefaultTimeout is long enough for a throttled call to ride out a few backoffs and short
// enough that a hung connection does not stall CI.
const DefaultTimeout = 30 * time.Second

// Result is the AWS part of a snapshot, the sources it came from and what it cost.
type Result struct {
	AWS     *snapshot.AWS
	Sources []snapshot.Source
	// Calls is the number of API requests made (each page counts, retries do not).
	Calls int
}

// Collect queries AWS live. A call that fails (AccessDenied, say) is recorded as an errored
// source and the rest of the snapshot is still built; only when every call fails is the run
// itself an error, since then the snapshot would say nothing. A cancelled ctx (Ctrl-C) ends
// the run with ctx's error and no result.
//
// Calls start as soon as their input is known: the calls that need nothing run at once, the
// per-VPC attribute calls start with each page of VPCs, the security group rules with each page
// of groups, the TGW route searches when the route tables (and, with a scope, the attachments)
// are in. The requests in flight are bounded, not the goroutines waiting for a slot.
func Collect(ctx context.Context, c Clients, o Options) (*Result, error) {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	run := &liveRun{clients: c, opts: o, ctx: ctx, raw: newRawState(), sources: map[string]*snapshot.Source{}, tally: map[string]*callTally{},
		slots: newSlotQueue(o.Concurrency)}
	run.location = c.Region
	if c.Endpoint != "" {
		run.location += " " + c.Endpoint
	}

	// What needs no scope starts before the cluster answers; the rest waits for the scope.
	tgw := run.transitGatewayCalls()
	run.unscopedCalls()
	scope := o.VPCID
	if o.Cluster != "" {
		run.call("eks:DescribeCluster", func() (int, error) {
			out, err := request(run, func(ctx context.Context) (*eks.DescribeClusterOutput, error) {
				return c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(o.Cluster)})
			})
			if err != nil {
				return 0, err
			}
			run.mu.Lock()
			run.raw.Cluster = out.Cluster
			run.mu.Unlock()
			return 1, nil
		})
		if cl := run.raw.Cluster; scope == "" && cl != nil && cl.ResourcesVpcConfig != nil {
			scope = aws.ToString(cl.ResourcesVpcConfig.VpcId)
		}
	}
	run.scopedCalls(scope)
	run.spawn(func() { run.searchTransitGatewayRoutes(tgw, scope) })
	run.wg.Wait()

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	run.recordSkippedDependents()
	res := &Result{AWS: normalise(run.raw, c.Region, scope, o.Salt), Sources: run.sourceList(), Calls: int(run.calls.Load())}
	if first, allFailed := allFailed(res.Sources); allFailed {
		return nil, fmt.Errorf("every AWS call failed (%s): %s", first.ID, first.Error)
	}
	return res, nil
}

func allFailed(sources []snapshot.Source) (snapshot.Source, bool) {
	var first snapshot.Source
	for i, s := range sources {
		if s.Status != snapshot.SourceError {
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
	// ctx is the run's context: cancelled on Ctrl-C, it stops every call.
	ctx context.Context

	// slots bounds the requests in flight; wg counts the calls started and not yet recorded.
	slots *slotQueue
	wg    sync.WaitGroup
	calls atomic.Int64

	progressMu sync.Mutex
	mu         sync.Mutex
	raw        *rawState
	sources    map[string]*snapshot.Source
	tally      map[string]*callTally
}

// spawn starts f now, beside the others; Collect waits for every f started, including those
// that an f starts itself.
func (r *liveRun) spawn(f func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		f()
	}()
}

// timeoutError is a call cut off by Options.Timeout, as opposed to a run that was cancelled.
type timeoutError struct{ after time.Duration }

func (e timeoutError) Error() string {
	return fmt.Sprintf("no answer within %s (--timeout)", e.after)
}

// request makes one API request (one page) once a slot is free, under the per-call timeout.
func request[T any](r *liveRun, f func(context.Context) (T, error)) (T, error) {
	return requestPage(r, false, f)
}

// requestPage is request for a page of a paged call; continuation says it is not the first
// page, which puts it ahead of the requests waiting for a slot (slotQueue).
func requestPage[T any](r *liveRun, continuation bool, f func(context.Context) (T, error)) (T, error) {
	var zero T
	if err := r.slots.acquire(r.ctx, continuation); err != nil {
		return zero, err
	}
	defer r.slots.release()
	r.calls.Add(1)
	ctx, cancel := context.WithTimeout(r.ctx, r.opts.Timeout)
	defer cancel()
	out, err := f(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && r.ctx.Err() == nil {
		return zero, timeoutError{r.opts.Timeout}
	}
	return out, err
}

// call runs one API call (all its pages) and records its outcome under id. Calls that share
// an id (DescribeVpcAttribute per VPC, say) add up into one source: partial when some failed
// or a paged call broke off after some pages, error when none answered.
func (r *liveRun) call(id string, f func() (int, error)) {
	r.progress("fetching %s", id)
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
		s.Status = snapshot.SourceOK
	case t.ok == 0 && t.partial == 0:
		s.Status = snapshot.SourceError
	default:
		s.Status = snapshot.SourcePartial
	}
	if len(s.Warnings) > 0 && s.Status == snapshot.SourceOK {
		s.Status = snapshot.SourcePartial
	}
	if err != nil {
		r.progress("%s failed: %s", id, apiError(err))
	} else {
		r.progress("%s: %d", id, n)
	}
}

// progress tells Options.Progress, one call at a time: the calls run side by side, and a
// writer such as a bytes.Buffer is not safe for concurrent use.
func (r *liveRun) progress(format string, args ...any) {
	if r.opts.Progress == nil {
		return
	}
	r.progressMu.Lock()
	defer r.progressMu.Unlock()
	r.opts.Progress(format, args...)
}

type callTally struct{ ok, partial, failed int }

func (r *liveRun) warn(id, warning string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s := r.sources[id]; s != nil {
		s.Warnings = append(s.Warnings, warning)
		if s.Status == snapshot.SourceOK {
			s.Status = snapshot.SourcePartial
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
	var te timeoutError
	if errors.As(err, &te) {
		return te.Error()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + errtext.OneLine(errors.New(ae.ErrorMessage()))
	}
	return errtext.OneLine(err)
}

func vpcFilter(name, vpcID string) []ec2types.Filter {
	if vpcID == "" {
		return nil
	}
	return []ec2types.Filter{{Name: aws.String(name), Values: []string{vpcID}}}
}

// add applies a change to the raw answers under the run's lock.
func (r *liveRun) add(apply func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	apply()
}

// unscopedCalls are the region-wide calls that need nothing, not even the cluster's VPC: they
// start before DescribeCluster answers.
func (r *liveRun) unscopedCalls() {
	c := r.clients.EC2
	startRequest(r, describeAddresses, c.DescribeAddresses, &ec2.DescribeAddressesInput{})
	startRequest(r, describeCustomerGateways, c.DescribeCustomerGateways, &ec2.DescribeCustomerGatewaysInput{})
	startRequest(r, describeVpnConnections, c.DescribeVpnConnections, &ec2.DescribeVpnConnectionsInput{})
	startPaged(r, describeManagedPrefixLists,
		ec2.NewDescribeManagedPrefixListsPaginator(c, &ec2.DescribeManagedPrefixListsInput{}), r.prefixListEntryCalls)
	if r.opts.DirectConnect {
		r.raw.DXCollected = true
		r.directConnectCalls()
	}
}

// prefixListEntryCalls fetch the entries of each managed prefix list of a page. Prefix lists
// are region-wide and few (the AWS service lists plus the account's own), so all are resolved;
// a list whose entries do not come back stays in the snapshot without entries, and the checks
// that meet it answer unknown.
func (r *liveRun) prefixListEntryCalls(page []ec2types.ManagedPrefixList) {
	c := r.clients.EC2
	for _, p := range page {
		id := aws.ToString(p.PrefixListId)
		r.spawn(func() {
			r.call("ec2:GetManagedPrefixListEntries", func() (int, error) {
				items, err := pages(r, ec2.NewGetManagedPrefixListEntriesPaginator(c, &ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(id)}),
					func(o *ec2.GetManagedPrefixListEntriesOutput) []ec2types.PrefixListEntry { return o.Entries }, nil)
				if err == nil {
					r.add(func() { r.raw.PrefixListEntries[id] = items })
				}
				return len(items), err
			})
		})
	}
}

// tgwProgress says when the transit gateway answers that the route searches wait for are in.
type tgwProgress struct {
	tables, attachments chan struct{}
}

// transitGatewayCalls start the region-wide transit gateway calls; whether a transit gateway
// concerns the VPC in scope is decided from their answers (tgwScope), not by an API filter.
func (r *liveRun) transitGatewayCalls() tgwProgress {
	c := r.clients.EC2
	p := tgwProgress{tables: make(chan struct{}), attachments: make(chan struct{})}
	var attachments sync.WaitGroup
	attachments.Add(2)
	go func() {
		attachments.Wait()
		close(p.attachments)
	}()
	startPaged(r, describeTransitGateways,
		ec2.NewDescribeTransitGatewaysPaginator(c, &ec2.DescribeTransitGatewaysInput{}), nil)
	attachmentCall := func(id string, body func() (int, error)) {
		r.spawn(func() {
			defer attachments.Done()
			r.call(id, body)
		})
	}
	attachmentCall(describeTransitGatewayAttachments.id, pagedCall(r, describeTransitGatewayAttachments,
		ec2.NewDescribeTransitGatewayAttachmentsPaginator(c, &ec2.DescribeTransitGatewayAttachmentsInput{}), nil))
	attachmentCall(describeTransitGatewayVpcAttachments.id, pagedCall(r, describeTransitGatewayVpcAttachments,
		ec2.NewDescribeTransitGatewayVpcAttachmentsPaginator(c, &ec2.DescribeTransitGatewayVpcAttachmentsInput{}), nil))
	r.spawn(func() {
		defer close(p.tables)
		r.call(describeTransitGatewayRouteTables.id, pagedCall(r, describeTransitGatewayRouteTables,
			ec2.NewDescribeTransitGatewayRouteTablesPaginator(c, &ec2.DescribeTransitGatewayRouteTablesInput{}), nil))
	})
	return p
}

// searchTransitGatewayRoutes searches the routes of each TGW route table in scope, one call
// per table, once the tables are known (and, with a VPC scope, the attachments that say which
// transit gateways concern the VPC).
func (r *liveRun) searchTransitGatewayRoutes(p tgwProgress, scope string) {
	<-p.tables
	var inScope map[string]bool
	if scope != "" {
		<-p.attachments
		r.mu.Lock()
		inScope = tgwScope(r.raw, scope)
		r.mu.Unlock()
	}
	r.mu.Lock()
	tables := r.raw.TransitGatewayRouteTables
	r.mu.Unlock()
	c := r.clients.EC2
	for _, t := range tables {
		rtb := aws.ToString(t.TransitGatewayRouteTableId)
		if scope != "" && !inScope[aws.ToString(t.TransitGatewayId)] {
			continue
		}
		r.spawn(func() {
			r.call("ec2:SearchTransitGatewayRoutes", func() (int, error) {
				out, err := request(r, func(ctx context.Context) (*ec2.SearchTransitGatewayRoutesOutput, error) {
					return c.SearchTransitGatewayRoutes(ctx, &ec2.SearchTransitGatewayRoutesInput{
						TransitGatewayRouteTableId: aws.String(rtb),
						// The API requires a filter; these two states are every route that is in force.
						Filters: []ec2types.Filter{{Name: aws.String("state"), Values: []string{"active", "blackhole"}}},
					})
				})
				if err != nil {
					return 0, err
				}
				r.add(func() { r.raw.TransitGatewayRoutes[rtb] = out.Routes })
				if aws.ToBool(out.AdditionalRoutesAvailable) {
					r.warn("ec2:SearchTransitGatewayRoutes", rtb+" has more routes than one search returns; only those returned were collected")
				}
				return len(out.Routes), nil
			})
		})
	}
}

// scopedCalls are the calls that take the VPC scope as an API filter, with the calls that
// hang off their pages: the DNS attributes of each VPC and the rule IDs of each group.
func (r *liveRun) scopedCalls(scope string) {
	c := r.clients.EC2
	vpcsIn := &ec2.DescribeVpcsInput{}
	if scope != "" {
		vpcsIn.VpcIds = []string{scope}
	}
	startPaged(r, describeVpcs, ec2.NewDescribeVpcsPaginator(c, vpcsIn),
		func(page []ec2types.Vpc) { r.vpcAttributeCalls(page, scope) })
	startPaged(r, describeSubnets,
		ec2.NewDescribeSubnetsPaginator(c, &ec2.DescribeSubnetsInput{Filters: vpcFilter("vpc-id", scope)}), nil)
	startPaged(r, describeRouteTables,
		ec2.NewDescribeRouteTablesPaginator(c, &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-id", scope)}), nil)
	startPaged(r, describeInternetGateways,
		ec2.NewDescribeInternetGatewaysPaginator(c, &ec2.DescribeInternetGatewaysInput{Filters: vpcFilter("attachment.vpc-id", scope)}), nil)
	startPaged(r, describeNatGateways,
		ec2.NewDescribeNatGatewaysPaginator(c, &ec2.DescribeNatGatewaysInput{Filter: vpcFilter("vpc-id", scope)}), nil)
	startPaged(r, describeSecurityGroups,
		ec2.NewDescribeSecurityGroupsPaginator(c, &ec2.DescribeSecurityGroupsInput{Filters: vpcFilter("vpc-id", scope)}),
		func(page []ec2types.SecurityGroup) { r.securityGroupRuleCalls(page, scope) })
	startPaged(r, describeNetworkAcls,
		ec2.NewDescribeNetworkAclsPaginator(c, &ec2.DescribeNetworkAclsInput{Filters: vpcFilter("vpc-id", scope)}), nil)
	startRequest(r, describeVpnGateways, c.DescribeVpnGateways, &ec2.DescribeVpnGatewaysInput{Filters: vpcFilter("attachment.vpc-id", scope)})
}

// vpcAttributeCalls ask for the two DNS attributes of each VPC of a page in scope.
func (r *liveRun) vpcAttributeCalls(page []ec2types.Vpc, scope string) {
	c := r.clients.EC2
	for _, v := range page {
		id := aws.ToString(v.VpcId)
		if scope != "" && id != scope {
			continue
		}
		for _, attr := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsSupport, ec2types.VpcAttributeNameEnableDnsHostnames} {
			r.spawn(func() {
				r.call("ec2:DescribeVpcAttribute", func() (int, error) {
					out, err := request(r, func(ctx context.Context) (*ec2.DescribeVpcAttributeOutput, error) {
						return c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: attr})
					})
					if err != nil {
						return 0, err
					}
					r.add(func() { absorbVpcAttribute(r.raw, out) })
					return 1, nil
				})
			})
		}
	}
}

// securityGroupRuleCalls fetch the rule IDs of a page of groups, in chunks of at most 200
// group IDs, the most the group-id filter takes.
func (r *liveRun) securityGroupRuleCalls(page []ec2types.SecurityGroup, scope string) {
	c := r.clients.EC2
	var groups []string
	for _, g := range page {
		if scope == "" || aws.ToString(g.VpcId) == scope {
			groups = append(groups, aws.ToString(g.GroupId))
		}
	}
	for chunk := range slices.Chunk(groups, 200) {
		in := &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: chunk}}}
		startPaged(r, describeSecurityGroupRules, ec2.NewDescribeSecurityGroupRulesPaginator(c, in), nil)
	}
}

// directConnectCalls start the Direct Connect calls, with the associations of each gateway as
// soon as its page of gateways is in.
func (r *liveRun) directConnectCalls() {
	c := r.clients.DX
	startRequest(r, describeDXConnections, c.DescribeConnections, &directconnect.DescribeConnectionsInput{})
	startRequest(r, describeDXVirtualInterfaces, c.DescribeVirtualInterfaces, &directconnect.DescribeVirtualInterfacesInput{})
	gateways := &tokenPager[*directconnect.DescribeDirectConnectGatewaysOutput]{page: func(ctx context.Context, token *string) (*directconnect.DescribeDirectConnectGatewaysOutput, error) {
		return c.DescribeDirectConnectGateways(ctx, &directconnect.DescribeDirectConnectGatewaysInput{NextToken: token})
	}}
	startPaged(r, describeDXGateways, gateways, func(page []dxtypes.DirectConnectGateway) {
		for _, g := range page {
			r.dxAssociationCalls(g.DirectConnectGatewayId)
		}
	})
}

// dxAssociationCalls fetch the associations of one Direct Connect gateway, all pages.
func (r *liveRun) dxAssociationCalls(id *string) {
	associations := &tokenPager[*directconnect.DescribeDirectConnectGatewayAssociationsOutput]{
		page: func(ctx context.Context, token *string) (*directconnect.DescribeDirectConnectGatewayAssociationsOutput, error) {
			return r.clients.DX.DescribeDirectConnectGatewayAssociations(ctx,
				&directconnect.DescribeDirectConnectGatewayAssociationsInput{DirectConnectGatewayId: id, NextToken: token})
		}}
	startPaged(r, describeDXGatewayAssociations, associations, nil)
}

// dependsOn names, for each call made per answer of another, the call it needs. When that call
// failed outright, the dependent one was never made; it is recorded as an error too, so the
// snapshot lists everything that is missing rather than only the first gap.
var dependsOn = map[string]string{
	"ec2:DescribeVpcAttribute":                               "ec2:DescribeVpcs",
	"ec2:DescribeSecurityGroupRules":                         "ec2:DescribeSecurityGroups",
	"ec2:SearchTransitGatewayRoutes":                         "ec2:DescribeTransitGatewayRouteTables",
	"ec2:GetManagedPrefixListEntries":                        "ec2:DescribeManagedPrefixLists",
	"directconnect:DescribeDirectConnectGatewayAssociations": "directconnect:DescribeDirectConnectGateways",
}

func (r *liveRun) recordSkippedDependents() {
	for child, parent := range dependsOn {
		p := r.sources[parent]
		if p == nil || p.Status != snapshot.SourceError || r.sources[child] != nil {
			continue
		}
		r.sources[child] = &snapshot.Source{ID: child, Kind: "aws-api", Location: r.location, Status: snapshot.SourceError,
			Error: "not called: " + parent + " did not answer"}
	}
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

// pager is what every paginator the SDK generates offers, Opt being its client's options
// (*ec2.Options for EC2's), and tokenPager too.
type pager[O, Opt any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(Opt)) (O, error)
}

// pages follows NextToken to the end, one request per page, handing each page to onPage (if
// set) as soon as it arrives so that the calls which need it start at once; on an error it
// returns what the earlier pages gave. An endpoint that repeats a token, or pages on past the
// chain's deadline, is cut off with an error (the source is then recorded as failed).
func pages[O, T, Opt any](r *liveRun, p pager[O, Opt], items func(O) []T, onPage func([]T)) ([]T, error) {
	var all []T
	c := r.newChain()
	for p.HasMorePages() {
		if err := c.before(); err != nil {
			return all, err
		}
		out, err := requestPage(r, c.pages > 0, func(ctx context.Context) (O, error) { return p.NextPage(ctx) })
		if err != nil {
			return all, err
		}
		page := items(out)
		all = append(all, page...)
		if onPage != nil {
			onPage(page)
		}
		if err := c.after(nextToken(out)); err != nil {
			return all, err
		}
	}
	return all, nil
}

// start runs call id with body beside the others (spawn).
func (r *liveRun) start(id string, body func() (int, error)) {
	r.spawn(func() { r.call(id, body) })
}

// startRequest starts the unpaged list call of kind k: one request of in to call, whose items
// are kept when it answers.
func startRequest[I, O, T, Opt any](r *liveRun, k resource[O, T], call func(context.Context, *I, ...func(Opt)) (*O, error), in *I) {
	r.start(k.id, func() (int, error) {
		out, err := request(r, func(ctx context.Context) (*O, error) { return call(ctx, in) })
		if err != nil {
			return 0, err
		}
		items := k.items(out)
		r.add(func() { k.keep(r.raw, items, true) })
		return len(items), nil
	})
}

// startPaged starts the paged list call of kind k (pagedCall).
func startPaged[O, T, Opt any](r *liveRun, k resource[O, T], p pager[*O, Opt], onPage func([]T)) {
	r.start(k.id, pagedCall(r, k, p, onPage))
}

// pagedCall is the body of a paged list call of kind k: every page of p (see pages), kept even
// when a later page fails, with onPage (if set) told of each page as it arrives.
func pagedCall[O, T, Opt any](r *liveRun, k resource[O, T], p pager[*O, Opt], onPage func([]T)) func() (int, error) {
	return func() (int, error) {
		items, err := pages(r, p, k.items, onPage)
		r.add(func() { k.keep(r.raw, items, err == nil) })
		return len(items), err
	}
}

// tokenPager pages a call the SDK has no paginator for (Direct Connect's) the way the EC2
// paginators do: page asks for the page after token, nil for the first, until a page names no
// NextToken. Its NextPage takes Direct Connect's client options, as a generated paginator
// would, but passes none: page sets all a request needs.
type tokenPager[O any] struct {
	page    func(ctx context.Context, token *string) (O, error)
	token   string
	started bool
}

// HasMorePages says whether a page is still to be asked for.
func (p *tokenPager[O]) HasMorePages() bool { return !p.started || p.token != "" }

// NextPage asks for the next page.
func (p *tokenPager[O]) NextPage(ctx context.Context, _ ...func(*directconnect.Options)) (O, error) {
	var token *string
	if p.started {
		token = aws.String(p.token)
	}
	out, err := p.page(ctx, token)
	if err != nil {
		return out, err
	}
	p.started = true
	p.token = nextToken(out)
	return out, nil
}

// chainTimeouts is how many --timeout periods all the pages of one call may take together: a
// single page is bounded by --timeout, and an endpoint that hands out a fresh token forever
// must not hold the run for ever.
const chainTimeouts = 10

// chain watches the pages of one call: the tokens seen and the deadline of the whole chain.
type chain struct {
	seen     map[string]bool
	deadline time.Time
	budget   time.Duration
	pages    int
}

func (r *liveRun) newChain() *chain {
	budget := chainTimeouts * r.opts.Timeout
	return &chain{seen: map[string]bool{}, deadline: time.Now().Add(budget), budget: budget}
}

// before is asked ahead of every page after the first.
func (c *chain) before() error {
	if c.pages > 0 && time.Now().After(c.deadline) {
		return fmt.Errorf("pagination stopped after %d pages: over %s for all pages (%d × --timeout)", c.pages, c.budget, chainTimeouts)
	}
	return nil
}

// after records a page's NextToken ("" at the end) and refuses one the chain has seen before,
// which would make the endpoint answer the same pages in a loop.
func (c *chain) after(token string) error {
	c.pages++
	if token == "" {
		return nil
	}
	if c.seen[token] {
		return fmt.Errorf("pagination stopped after %d pages: the endpoint repeated a NextToken", c.pages)
	}
	c.seen[token] = true
	return nil
}

// nextToken reads the NextToken field every paged EC2 output has (the generic paginator hides it).
func nextToken(out any) string {
	v := reflect.ValueOf(out)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	if f := v.FieldByName("NextToken"); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() {
		if s, ok := f.Elem().Interface().(string); ok {
			return s
		}
	}
	return ""
}

// AssumeRole returns cached credentials of roleARN, assumed with cfg's credentials through STS
// (at endpoint, when set); they are refreshed before they expire.
func AssumeRole(cfg aws.Config, endpoint, roleARN, externalID string) aws.CredentialsProvider {
	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
	return aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(client, roleARN, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = "hybridcheck"
		if externalID != "" {
			o.ExternalID = aws.String(externalID)
		}
	}))
}
