"""Turns the veth stand-ins of gateway-net.sh into the gateway's interfaces: drops the peers,
and gives vti1/vti2 the link type and linkinfo iproute2 prints for `ip link add vtiN type vti
local 3.232.157.211 remote TUNNEL key K` (keys are printed as dotted quads)."""
import json, sys
path = sys.argv[1]
links = json.load(open(path))
vti = {"vti1": ("52.44.108.101", "0.0.0.100"), "vti2": ("3.225.148.144", "0.0.0.200")}
out = []
for l in links:
    if l["ifname"].startswith("peer-"):
        continue
    l.pop("link", None)
    if l["ifname"] in vti:
        remote, key = vti[l["ifname"]]
        l["flags"] = ["POINTOPOINT", "NOARP", "UP", "LOWER_UP"]
        l["link_type"] = "ipip"
        l["address"], l["broadcast"] = "3.232.157.211", remote
        l["linkinfo"] = {"info_kind": "vti", "info_data": {"link": "eth0", "ikey": key, "okey": key, "local": "3.232.157.211", "remote": remote}}
        l["mtu"] = 1480
    out.append(l)
json.dump(out, open(path, "w"), indent=4)
open(path, "a").write("\n")
