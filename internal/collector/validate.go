package collector

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// sourceOfList names the API whose answer fills each AWS list of the snapshot, so that a value
// the schema refuses (a CIDR of /33 in a saved describe output) is reported against the file
// or call it came from, not against the snapshot about to be written.
var sourceOfList = map[string][]string{
	"vpcs":                         {"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"},
	"subnets":                      {"ec2:DescribeSubnets"},
	"route_tables":                 {"ec2:DescribeRouteTables"},
	"internet_gateways":            {"ec2:DescribeInternetGateways"},
	"nat_gateways":                 {"ec2:DescribeNatGateways"},
	"elastic_ips":                  {"ec2:DescribeAddresses"},
	"security_groups":              {"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"},
	"transit_gateways":             {"ec2:DescribeTransitGateways"},
	"transit_gateway_attachments":  {"ec2:DescribeTransitGatewayAttachments", "ec2:DescribeTransitGatewayVpcAttachments"},
	"transit_gateway_route_tables": {"ec2:DescribeTransitGatewayRouteTables", "ec2:SearchTransitGatewayRoutes"},
	"vpn_gateways":                 {"ec2:DescribeVpnGateways"},
	"customer_gateways":            {"ec2:DescribeCustomerGateways"},
	"vpn_connections":              {"ec2:DescribeVpnConnections"},
	"eks_cluster":                  {"eks:DescribeCluster"},
	"direct_connect":               {"directconnect:DescribeConnections", "directconnect:DescribeVirtualInterfaces", "directconnect:DescribeDirectConnectGateways", "directconnect:DescribeDirectConnectGatewayAssociations"},
}

var fieldPointer = regexp.MustCompile(`field (/[^:]*):`)

// validate checks the assembled snapshot against its schema before anything is written; an
// error names the input the offending value came from.
func validate(s *snapshot.Snapshot) error {
	data, err := snapshot.Marshal(s)
	if err != nil {
		return err
	}
	_, err = snapshot.Parse("snapshot", data)
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "snapshot: ")
	m := fieldPointer.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("the collected snapshot is invalid: %s", msg)
	}
	parts := strings.Split(strings.TrimPrefix(m[1], "/"), "/")
	var locations []string
	switch {
	case len(parts) >= 2 && parts[0] == "aws":
		for _, src := range s.Sources {
			for _, id := range sourceOfList[parts[1]] {
				if src.ID == id && src.Location != "" {
					locations = append(locations, src.Location)
				}
			}
		}
	case len(parts) >= 2 && parts[0] == "devices":
		if i, err := strconv.Atoi(parts[1]); err == nil && i < len(s.Devices) {
			locations = append(locations, s.Devices[i].Source)
		}
	case parts[0] == "intent" || parts[0] == "probe":
		for _, src := range s.Sources {
			if src.Kind == parts[0] {
				locations = append(locations, src.Location)
			}
		}
	}
	if len(locations) == 0 {
		return fmt.Errorf("the collected snapshot is invalid: %s", msg)
	}
	return fmt.Errorf("%s: %s", strings.Join(dedupe(locations), ", "), msg)
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
