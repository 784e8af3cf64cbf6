package hybridcheck.paths.kubelet_test

import data.hybridcheck.paths.kubelet
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

resource := "kubelet: control plane to kubelet (TCP 10250)"

test_pass_compliant_gets_through_every_hop if {
	count(kubelet.deny) == 0 with input as fixture.compliant
	some c in kubelet.checked with input as fixture.compliant
	c.resource == resource
	c.message == "gets through 13 hops: aws-sg, aws-nacl, aws-nacl, aws-route, aws-route, aws-gateway, aws-vpn, device-ipsec, device-firewall, device-route, device-route, aws-nacl, aws-nacl"
}

# The seeded HN-NACL-01 defect: a deny of TCP 1024-65535 to the node CIDR also drops 10250.
test_fail_nacl_deny_is_the_first_drop if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "network_acls", "acl-0a1b2c3d4e5f60718", "entries", {"egress": false, "rule_action": "allow"}], "value": {"rule_number": 90, "egress": true, "protocol": "tcp", "rule_action": "deny", "cidr_block": "10.200.0.0/16", "from_port": 1024, "to_port": 65535}}])
	some d in kubelet.deny with input as snap
	d.resource == resource
	startswith(d.message, "dropped at hop 2, aws-nacl (acl-0a1b2c3d4e5f60718 (subnet-01fb42f5764dcf18e)): denied by acl-0a1b2c3d4e5f60718 rule 90")
	d.evidence.first_stop == 1
	"✗ 2 network ACL of subnet-01fb42f5764dcf18e (10.100.1.0/24), outbound tcp 10250: denied by acl-0a1b2c3d4e5f60718 rule 90 (ports 10250)" in d.evidence.hops
}

# The seeded HN-FW-01 defect: the device's block rule, cited with its place in the export.
test_fail_firewall_block_rule if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes (kubelet)"], "value": {"index": 17, "action": "block", "disabled": false, "quick": true, "floating": false, "interfaces": ["enc0"], "direction": "in", "ip_version": "inet", "protocol": "tcp", "source": {"any": false, "not": false, "cidrs": ["10.100.0.0/16"]}, "destination": {"any": false, "not": false, "cidrs": ["10.200.0.0/16"], "ports": [{"from": 10250, "to": 10250}]}, "description": "Block kubelet during maintenance", "tracker": "1700000017", "location": {"file": "testdata/reference/edge-fw.xml", "line": 212}}}])
	some d in kubelet.deny with input as snap
	contains(d.message, "device-firewall")
	contains(d.message, "blocked by filter rule 17 (Block kubelet during maintenance) at testdata/reference/edge-fw.xml:212")
	some h in d.evidence.trace
	h.kind == "device-firewall"
	h.location == "testdata/reference/edge-fw.xml:212"
}

test_unknown_without_network_acls if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "path": "/aws/network_acls"}])
	count(kubelet.deny) == 0 with input as snap
	some u in kubelet.unknown with input as snap
	contains(u.message, "network ACLs were not collected")
}

# Route-based VPN with BGP on a TGW: the flow enters the device on the VTI and the reply
# follows the route BGP learned from the AWS tunnel.
test_pass_vti_bgp_variant if {
	some c in kubelet.checked with input as variants.tgw_vti_bgp
	c.resource == resource
	some d in kubelet.deny with input as locate.patch(variants.tgw_vti_bgp, [{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "state"], "value": "deleted"}])
	contains(d.message, "aws-vpn")
}

test_not_applicable_without_node_cidrs if {
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	contains(kubelet.not_applicable, "its networks are not known") with input as snap
}
