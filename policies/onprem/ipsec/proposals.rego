# METADATA
# title: IPsec proposals AWS accepts
# description: |
#   Every phase 1 to an AWS tunnel and its phase 2 entries offer only what AWS accepts: IKEv1
#   or IKEv2, AES-128/256 or AES-GCM (128/256), SHA-1 or SHA-2, DH groups 2, 5 and 14-24, a
#   phase 1 lifetime of at most 28800 s and a phase 2 lifetime of at most 3600 s; and where the
#   tunnel's options restrict IKE versions, algorithms or DH groups (non-empty lists), only
#   what they allow. Names are compared in AWS's terms: aes with a 256-bit key is AES256,
#   aes128gcm is AES128-GCM-16, sha256 is SHA2-256. A PFS group on a phase 2 counts as its
#   phase 2 DH group.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-best-practice.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "AWS negotiates only certain IKE and IPsec algorithms and lifetimes; other proposals fail to negotiate or rekey."
#   seed: "Inter-site 5, 6; AWS VPN docs"
#   id: HN-IPS-03
#   severity: medium
#   remediation: Offer AES-256 (or AES-GCM), SHA-256 and DH group 14 or higher on phase 1 and 2, keep phase 1 lifetime at 28800 s or less and phase 2 at 3600 s or less, within what the tunnel options allow.
#   applies_when: connectivity is vpn
package hybridcheck.onprem.ipsec.proposals

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.phase1_not_applicable

max_phase1_lifetime := 28800

max_phase2_lifetime := 3600

accepted_encryption := {"AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"}

accepted_integrity := {"SHA1", "SHA2-256", "SHA2-384", "SHA2-512"}

accepted_dh := {2, 5} | {g | some g in numbers.range(14, 24)}

integrity_names := {"sha1": "SHA1", "sha256": "SHA2-256", "sha384": "SHA2-384", "sha512": "SHA2-512"}

gcm(p) if contains(lower(p.encryption), "gcm")

# The key length a proposal names: digits in the cipher name (aes256gcm), else key_length.
key_bits(p) := to_number(regex.find_n(`[0-9]+`, p.encryption, 1)[0]) if {
	regex.match(`[0-9]`, p.encryption)
} else := object.get(p, "key_length", 0)

aws_encryption(p) := sprintf("AES%d-GCM-16", [key_bits(p)]) if {
	startswith(lower(p.encryption), "aes")
	gcm(p)
} else := sprintf("AES%d", [key_bits(p)]) if {
	startswith(lower(p.encryption), "aes")
} else := upper(p.encryption)

aws_integrity(p) := integrity_names[lower(object.get(p, "hash", ""))] if {
	integrity_names[lower(object.get(p, "hash", ""))]
} else := upper(object.get(p, "hash", ""))

proposal_text(p) := concat("/", [x | some x in [aws_encryption(p), aws_integrity(p), dh_text(p)]; x != ""])

dh_text(p) := sprintf("DH%d", [p.dh_group]) if object.get(p, "dh_group", 0) > 0

else := ""

# restricted(list, value): the tunnel lists allowed values and value is not among them.
restricted(list, value) if {
	count(list) > 0
	not value in list
}

tunnel(p1) := devlib.tunnels_by_ip[p1.remote_gateway]

option(p1, name) := object.get(tunnel(p1), name, [])

# Each problem list below is the union of one set per rule, each empty when its rule holds.
ike_problems(p1) := union({
	{sprintf("IKE version %q is not IKEv1 or IKEv2", [p1.ike_version]) |
		not p1.ike_version in {"ikev1", "ikev2", "auto"}
	},
	{sprintf("IKE version %s is not among the tunnel's %v", [p1.ike_version, option(p1, "ike_versions")]) |
		p1.ike_version in {"ikev1", "ikev2"}
		restricted(option(p1, "ike_versions"), p1.ike_version)
	},
	{sprintf("IKE version auto (IKEv2 first) is not among the tunnel's %v", [option(p1, "ike_versions")]) |
		# auto starts with IKEv2.
		p1.ike_version == "auto"
		restricted(option(p1, "ike_versions"), "ikev2")
	},
})

# proposal_problems(p, phase, opts): what is wrong with one transform of phase 1 or 2, against
# AWS's lists and the tunnel's options opts.
proposal_problems(p, phase, opts) := union({
	{sprintf("phase %d proposal %s: encryption %s is not accepted by AWS", [phase, proposal_text(p), aws_encryption(p)]) |
		not aws_encryption(p) in accepted_encryption
	},
	{sprintf("phase %d proposal %s: integrity %s is not accepted by AWS", [phase, proposal_text(p), aws_integrity(p)]) |
		not aws_integrity(p) in accepted_integrity
		not integrity_optional(p, phase)
	},
	{sprintf("phase 1 proposal %s: DH group %d is not 2, 5 or 14-24", [proposal_text(p), object.get(p, "dh_group", 0)]) |
		phase == 1
		not object.get(p, "dh_group", 0) in accepted_dh
		not dh_unread(p, opts)
	},
	{sprintf("phase %d proposal %s: encryption %s is not among the tunnel's %v", [phase, proposal_text(p), aws_encryption(p), opts.encryption]) |
		aws_encryption(p) in accepted_encryption
		restricted(opts.encryption, aws_encryption(p))
	},
	{sprintf("phase %d proposal %s: integrity %s is not among the tunnel's %v", [phase, proposal_text(p), aws_integrity(p), opts.integrity]) |
		aws_integrity(p) in accepted_integrity
		restricted(opts.integrity, aws_integrity(p))
	},
	{sprintf("phase 1 proposal %s: DH group %d is not among the tunnel's %v", [proposal_text(p), p.dh_group, opts.dh]) |
		phase == 1
		p.dh_group in accepted_dh
		restricted(opts.dh, p.dh_group)
	},
})

# unread(p1): the fields the importer found in the export but could not read; their values are
# left out, so what depends on them is unknown, not a pass or a failure.
unread(p1) := object.get(p1, "unread", [])

# dh_unread: the proposal has no DH group because the export's could not be read.
dh_unread(p, opts) if {
	opts.dh_unread
	object.get(p, "dh_group", 0) == 0
}

# AEAD ciphers need no integrity algorithm in phase 2 (phase 1 still needs a PRF).
integrity_optional(p, phase) if {
	phase == 2
	gcm(p)
	aws_integrity(p) == ""
}

phase_options(p1, phase) := {
	"encryption": option(p1, sprintf("phase%d_encryption_algorithms", [phase])),
	"integrity": option(p1, sprintf("phase%d_integrity_algorithms", [phase])),
	"dh": option(p1, sprintf("phase%d_dh_group_numbers", [phase])),
	"dh_unread": "dh_group" in unread(p1),
}

phase1_problems(p1) := union({
	ike_problems(p1),
	{msg |
		some p in p1.proposals
		some msg in proposal_problems(p, 1, phase_options(p1, 1))
	},
	{sprintf("phase 1 lifetime %d s exceeds %d s", [p1.lifetime_seconds, max_phase1_lifetime]) |
		p1.lifetime_seconds > max_phase1_lifetime
	},
	{"phase 1 offers no proposal" | count(p1.proposals) == 0},
})

phase2_problems(p2s, p1) := {sprintf("phase 2 %s: %s", [object.get(p2, "id", ""), msg]) |
	some p2 in p2s
	some msg in problems_of_phase2(p1, p2)
}

problems_of_phase2(p1, p2) := union({
	{msg |
		some p in p2.proposals
		some msg in proposal_problems(p, 2, phase_options(p1, 2))
	},
	{sprintf("PFS group %d is not 2, 5 or 14-24", [p2.pfs_group]) |
		p2.pfs_group > 0
		not p2.pfs_group in accepted_dh
	},
	{sprintf("PFS group %d is not among the tunnel's %v", [p2.pfs_group, option(p1, "phase2_dh_group_numbers")]) |
		p2.pfs_group in accepted_dh
		restricted(option(p1, "phase2_dh_group_numbers"), p2.pfs_group)
	},
	{sprintf("phase 2 lifetime %d s exceeds %d s", [p2.lifetime_seconds, max_phase2_lifetime]) |
		p2.lifetime_seconds > max_phase2_lifetime
	},
})

checked contains devlib.resource(d, devlib.phase1_text(p1)) if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
}

deny contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": concat("; ", sort([m | some m in problems])),
	"evidence": {
		"phase1": p1.id,
		"location": object.get(p1, "location", null),
		"problems": sort([m | some m in problems]),
		"tunnel_options": object.filter(tunnel(p1), {
			"ike_versions", "phase1_encryption_algorithms", "phase1_integrity_algorithms", "phase1_dh_group_numbers",
			"phase2_encryption_algorithms", "phase2_integrity_algorithms", "phase2_dh_group_numbers",
		}),
	},
} if {
	some d in lib.devices
	phase2s := devlib.phase2s_by_phase1(d)
	some p1 in devlib.aws_phase1s(d)
	problems := phase1_problems(p1) | phase2_problems(object.get(phase2s, p1.id, []), p1)
	count(problems) > 0
}

# unread_fields: what the importer could not read in a phase 1 and its phase 2 entries, named
# for the message ("lifetime_seconds", "phase 2 p2-1 pfs_group").
unread_fields(p1, p2s) := sort(array.concat(unread(p1), [sprintf("phase 2 %s %s", [object.get(p2, "id", ""), f]) |
	some p2 in p2s
	some f in unread(p2)
]))

# A phase 1 with nothing wrong in what could be read, but a field of it or of its phase 2 entries
# that could not be read (ike_version, lifetime_seconds, dh_group, pfs_group): the snapshot
# cannot decide.
unknown contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": sprintf("%s %s: the export's %s could not be read (see the device source's warnings)", [d.name, devlib.phase1_text(p1), concat(", ", fields)]),
	"evidence": {
		"phase1": p1.id,
		"location": object.get(p1, "location", null),
		"unread": fields,
	},
} if {
	some d in lib.devices
	phase2s := devlib.phase2s_by_phase1(d)
	some p1 in devlib.aws_phase1s(d)
	p2s := object.get(phase2s, p1.id, [])
	fields := unread_fields(p1, p2s)
	count(fields) > 0
	count(phase1_problems(p1) | phase2_problems(p2s, p1)) == 0
}
