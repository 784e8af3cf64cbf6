package path

import "fmt"

// Seed flow names, the directions the seed guide documents (prepare-network.md).
const (
	FlowKubelet         = "kubelet"
	FlowNodeAPI         = "node-to-control-plane"
	FlowPodAPI          = "pod-to-control-plane"
	FlowWebhook         = "webhook"
	FlowCredentials     = "credentials"
	FlowCiliumHealth    = "cilium-health"
	FlowCiliumHealthICM = "cilium-health-icmp"
)

// SeedFlowNames lists the named flows in the order trace --flow all shows them.
var SeedFlowNames = []string{FlowKubelet, FlowNodeAPI, FlowPodAPI, FlowWebhook, FlowCredentials, FlowCiliumHealth, FlowCiliumHealthICM}

// SeedFlows are the named flows for this snapshot's networks; a flow whose networks are not
// known is left out and named in missing with the reason.
func (n *Network) SeedFlows() (flows []Flow, missing map[string]string) {
	missing = map[string]string{}
	cp := n.subnetCIDRs()
	if len(cp) == 0 {
		cp = n.vpcCIDRs
	}
	echo := 8
	type want struct {
		name, desc      string
		src, dst, names []string
		proto           string
		port            int
		icmp            *int
		why             string
	}
	credential := []string{fmt.Sprintf("ssm.%s.amazonaws.com", n.region)}
	if n.provider == "iam-roles-anywhere" {
		credential = []string{fmt.Sprintf("rolesanywhere.%s.amazonaws.com", n.region)}
	}
	ws := []want{
		{FlowKubelet, "control plane to kubelet (TCP 10250)", cp, n.nodes, nil, "tcp", 10250, nil, ""},
		{FlowNodeAPI, "nodes to the control plane (TCP 443)", n.nodes, cp, nil, "tcp", 443, nil, ""},
		{FlowPodAPI, "pods to the control plane (TCP 443)", n.pods, cp, nil, "tcp", 443, nil, ""},
		{FlowWebhook, "control plane to pod webhooks (TCP 443)", cp, n.pods, nil, "tcp", 443, nil, ""},
		{FlowCredentials, "nodes to the credential endpoint via the device's internet NAT (TCP 443)", n.nodes, nil, credential, "tcp", 443, nil, ""},
		{FlowCiliumHealth, "Cilium health between nodes (TCP 4240)", n.nodes, n.nodes, nil, "tcp", 4240, nil, ""},
		{FlowCiliumHealthICM, "Cilium health pings between nodes (ICMP echo)", n.nodes, n.nodes, nil, "icmp", 0, &echo, ""},
	}
	for _, w := range ws {
		switch {
		case len(w.src) == 0 || (len(w.dst) == 0 && len(w.names) == 0):
			missing[w.name] = "its networks are not known (cluster subnets, node or pod CIDRs)"
			continue
		case len(w.names) > 0 && n.device == nil:
			missing[w.name] = "no device export in the snapshot"
			continue
		case len(w.names) > 0 && n.region == "":
			missing[w.name] = "the region is unknown (intent or snapshot)"
			continue
		}
		flows = append(flows, Flow{Name: w.name, Description: w.desc, Protocol: w.proto, Port: w.port, ICMPType: w.icmp,
			Sources: w.src, Destinations: w.dst, DestinationNames: w.names})
	}
	return flows, missing
}

// SeedFlow is one named flow.
func (n *Network) SeedFlow(name string) (Flow, error) {
	flows, missing := n.SeedFlows()
	for _, f := range flows {
		if f.Name == name {
			return f, nil
		}
	}
	if why, ok := missing[name]; ok {
		return Flow{}, fmt.Errorf("flow %s cannot be traced on this snapshot: %s", name, why)
	}
	return Flow{}, fmt.Errorf("no flow named %q (known: %v, or all)", name, SeedFlowNames)
}

// EndpointNames are the named ends a flow may start or stop at besides addresses.
var EndpointNames = []string{"control-plane", "vpc", "nodes", "pods"}

// Endpoint resolves a named end of a flow to its CIDRs: control-plane (the cluster subnets,
// where the control plane's ENIs live), vpc (the cluster VPC), nodes and pods (the remote
// networks). ok is false for any other name; an empty list means the snapshot does not know.
func (n *Network) Endpoint(name string) (cidrs []string, ok bool) {
	switch name {
	case "control-plane":
		if cp := n.subnetCIDRs(); len(cp) > 0 {
			return cp, true
		}
		return n.vpcCIDRs, true
	case "vpc":
		return n.vpcCIDRs, true
	case "nodes":
		return n.nodes, true
	case "pods":
		return n.pods, true
	}
	return nil, false
}
