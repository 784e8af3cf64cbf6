#!/bin/sh
# Builds the gateway's interfaces and routes in a fresh network namespace, so that
# `ip -j -d addr show` and `ip -j route show` print what the real gateway would:
#   unshare -n sh gateway-net.sh OUTDIR
# The build machine's kernel has neither dummy nor ip_vti, so veth pairs stand in for the NICs
# and for the two VTIs; gateway-vti.py then drops the veth peers and writes the VTIs' linkinfo
# (kind vti, keys 100 and 200) as iproute2 prints it for a real VTI.
set -e
out=$1
ip link set lo up
for n in eth0:3.232.157.211/24 eth1:10.200.0.1/24 eth2:10.200.1.1/24 vti1:169.254.10.2/30 vti2:169.254.11.2/30; do
	dev=${n%%:*}
	ip link add "$dev" type veth peer name "peer-$dev"
	ip addr add "${n#*:}" dev "$dev"
	ip link set "peer-$dev" up
	ip link set "$dev" up
done
ip route add default via 3.232.157.1 dev eth0
# What FRR installs: the AWS VPC learned over BGP (best path tunnel 1), the pod CIDR static
# route.
ip route add 10.100.0.0/16 via 169.254.10.1 dev vti1 proto bgp metric 20
ip route add 192.168.0.0/16 via 10.200.0.10 dev eth1 proto static metric 20
ip -j -d addr show > "$out/ip-addr.json"
ip -j route show > "$out/ip-route.json"
