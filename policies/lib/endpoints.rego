# METADATA
# title: AWS endpoints hybrid nodes reach
# description: |
#   The endpoints of the seed's Remote network step 2, per region and credential model, and
#   the EKS ECR registry of each region: the one table HN-EGR-01 and HN-FW-08/09 read. Beside
#   it, the Spectro Cloud Palette SaaS endpoints (the seed's Remote network step 5), which
#   HN-EGR-02 reads when the intent says management: palette-saas.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html
#   - ref: https://docs.spectrocloud.com/architecture/networking-ports/
# schemas:
#   - input: schema.snapshot
package hybridcheck.lib.endpoints

# The Amazon EKS ECR registry of each region, as "View Amazon container image registries for
# Amazon EKS add-ons" lists it (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html).
# Hosts are kept whole because a few do not follow account.dkr.ecr.REGION (ap-east-2 names the
# ap-east-1 host, China and the European Sovereign Cloud use other domains).
eks_ecr_registry := {
	"af-south-1": "877085696533.dkr.ecr.af-south-1.amazonaws.com",
	"ap-east-1": "800184023465.dkr.ecr.ap-east-1.amazonaws.com",
	"ap-east-2": "533267051163.dkr.ecr.ap-east-1.amazonaws.com",
	"ap-northeast-1": "602401143452.dkr.ecr.ap-northeast-1.amazonaws.com",
	"ap-northeast-2": "602401143452.dkr.ecr.ap-northeast-2.amazonaws.com",
	"ap-northeast-3": "602401143452.dkr.ecr.ap-northeast-3.amazonaws.com",
	"ap-south-1": "602401143452.dkr.ecr.ap-south-1.amazonaws.com",
	"ap-south-2": "900889452093.dkr.ecr.ap-south-2.amazonaws.com",
	"ap-southeast-1": "602401143452.dkr.ecr.ap-southeast-1.amazonaws.com",
	"ap-southeast-2": "602401143452.dkr.ecr.ap-southeast-2.amazonaws.com",
	"ap-southeast-3": "296578399912.dkr.ecr.ap-southeast-3.amazonaws.com",
	"ap-southeast-4": "491585149902.dkr.ecr.ap-southeast-4.amazonaws.com",
	"ap-southeast-5": "151610086707.dkr.ecr.ap-southeast-5.amazonaws.com",
	"ap-southeast-6": "333609536671.dkr.ecr.ap-southeast-6.amazonaws.com",
	"ap-southeast-7": "121268973566.dkr.ecr.ap-southeast-7.amazonaws.com",
	"ca-central-1": "602401143452.dkr.ecr.ca-central-1.amazonaws.com",
	"ca-west-1": "761377655185.dkr.ecr.ca-west-1.amazonaws.com",
	"cn-north-1": "918309763551.dkr.ecr.cn-north-1.amazonaws.com.cn",
	"cn-northwest-1": "961992271922.dkr.ecr.cn-northwest-1.amazonaws.com.cn",
	"eu-central-1": "602401143452.dkr.ecr.eu-central-1.amazonaws.com",
	"eu-central-2": "900612956339.dkr.ecr.eu-central-2.amazonaws.com",
	"eu-north-1": "602401143452.dkr.ecr.eu-north-1.amazonaws.com",
	"eu-south-1": "590381155156.dkr.ecr.eu-south-1.amazonaws.com",
	"eu-south-2": "455263428931.dkr.ecr.eu-south-2.amazonaws.com",
	"eu-west-1": "602401143452.dkr.ecr.eu-west-1.amazonaws.com",
	"eu-west-2": "602401143452.dkr.ecr.eu-west-2.amazonaws.com",
	"eu-west-3": "602401143452.dkr.ecr.eu-west-3.amazonaws.com",
	"eusc-de-east-1": "877088126301.dkr.ecr.eusc-de-east-1.amazonaws.eu",
	"il-central-1": "066635153087.dkr.ecr.il-central-1.amazonaws.com",
	"me-central-1": "759879836304.dkr.ecr.me-central-1.amazonaws.com",
	"me-south-1": "558608220178.dkr.ecr.me-south-1.amazonaws.com",
	"mx-central-1": "730335286997.dkr.ecr.mx-central-1.amazonaws.com",
	"sa-east-1": "602401143452.dkr.ecr.sa-east-1.amazonaws.com",
	"us-east-1": "602401143452.dkr.ecr.us-east-1.amazonaws.com",
	"us-east-2": "602401143452.dkr.ecr.us-east-2.amazonaws.com",
	"us-gov-east-1": "151742754352.dkr.ecr.us-gov-east-1.amazonaws.com",
	"us-gov-west-1": "013241004608.dkr.ecr.us-gov-west-1.amazonaws.com",
	"us-west-1": "602401143452.dkr.ecr.us-west-1.amazonaws.com",
	"us-west-2": "602401143452.dkr.ecr.us-west-2.amazonaws.com",
}

# The DNS suffix of a region's partition.
domain(region) := "amazonaws.com.cn" if startswith(region, "cn-")

domain(region) := "amazonaws.eu" if startswith(region, "eusc-")

domain(region) := "amazonaws.com" if {
	not startswith(region, "cn-")
	not startswith(region, "eusc-")
}

# regional(service, region) is service.REGION.DOMAIN, the usual regional endpoint.
regional(service, region) := sprintf("%s.%s.%s", [service, region, domain(region)])

# Endpoints every credential model needs (Remote network 2, both tabs). A region missing from
# the registry table yields no registry entry, and the check says so rather than guess.
common(region) := array.concat(
	[
		{"service": "Amazon EKS", "fqdn": "hybrid-assets.eks.amazonaws.com", "required": true},
		{"service": "Amazon EKS", "fqdn": regional("eks", region), "required": true},
		{"service": "Amazon ECR", "fqdn": regional("api.ecr", region), "required": true},
	],
	[{"service": "Amazon EKS ECR", "fqdn": eks_ecr_registry[region], "required": true} | eks_ecr_registry[region]],
)

by_provider("ssm", region) := [
	{"service": "AWS Systems Manager (SSM)", "fqdn": sprintf("amazon-ssm-%s.s3.%s.%s", [region, region, domain(region)]), "required": true},
	{"service": "AWS Systems Manager (SSM)", "fqdn": regional("ssm", region), "required": true},
	{"service": "AWS Systems Manager (SSM)", "fqdn": regional("ec2messages", region), "required": false},
	{"service": "Amazon CloudWatch Logs", "fqdn": regional("logs", region), "required": false},
	{"service": "Amazon S3", "fqdn": regional("s3", region), "required": false},
]

by_provider("iam-roles-anywhere", region) := [
	{"service": "AWS IAM Roles Anywhere", "fqdn": sprintf("rolesanywhere.%s", [domain(region)]), "required": true},
	{"service": "AWS IAM Roles Anywhere", "fqdn": regional("rolesanywhere", region), "required": true},
	{"service": "AWS IAM", "fqdn": sprintf("iam.%s", [domain(region)]), "required": false},
	{"service": "AWS Security Token Service (STS)", "fqdn": regional("sts", region), "required": false},
	{"service": "Amazon CloudWatch Logs", "fqdn": regional("logs", region), "required": false},
	{"service": "Amazon S3", "fqdn": regional("s3", region), "required": false},
]

# installation(region, provider) is the full list of Remote network step 2, optional entries
# marked required: false.
installation(region, provider) := array.concat(common(region), by_provider(provider, region))

# required(region, provider) is the part of that list HN-EGR-01 insists on.
required(region, provider) := [e.fqdn | some e in installation(region, provider); e.required]

# credential(region, provider) is what HN-FW-08 asks for (Remote network 3, outbound): the
# endpoint the nodes fetch credentials from and, with IAM Roles Anywhere, STS for the pods.
credential("ssm", region) := {"nodes": [regional("ssm", region)], "pods": []}

credential("iam-roles-anywhere", region) := {
	"nodes": [regional("rolesanywhere", region)],
	"pods": [regional("sts", region)],
}

# pod_identity(region) is the EKS Pod Identity endpoint nodes reach (HN-FW-09).
pod_identity(region) := regional("eks", region)

# --- Spectro Cloud Palette SaaS (Remote network 5) --------------------------------------------

# Palette SaaS domains and ports as "Network Ports" of the Palette documentation lists them
# (https://docs.spectrocloud.com/architecture/networking-ports/, read 2026-12-05): every one on
# TCP 443 (HTTPS and gRPC). The message brokers also listened on NATS TCP 4222, deprecated since
# Palette 4.0.0 and used only by older agents: nats_note, never a requirement.
palette_saas_domains := [{"fqdn": name, "port": 443} | some name in [
	"api1.spectrocloud.com", "api2.spectrocloud.com", "api3.spectrocloud.com",
	"msg1.spectrocloud.com", "msg2.spectrocloud.com", "msg3.spectrocloud.com",
	"message1.spectrocloud.com", "message2.spectrocloud.com", "message3.spectrocloud.com",
	"console.spectrocloud.com", "proxy.console.spectrocloud.com",
	"registry.spectrocloud.com", "registry1.spectrocloud.com", "registry2.spectrocloud.com", "registry3.spectrocloud.com",
	"saas-repo.console.spectrocloud.com",
	"edgegoldenimage-console.s3.amazonaws.com",
	"415789037893.dkr.ecr.us-east-1.amazonaws.com",
	"415789037893.dkr.ecr.us-west-2.amazonaws.com",
]]

# Palette SaaS's published IP addresses (same page, same date), reached on TCP 443.
palette_saas_addresses := [
	"44.232.106.120", "44.233.247.65", "52.35.163.177", "13.52.68.206",
	"18.144.153.171", "52.6.49.233", "54.158.209.13", "54.80.29.137",
]

palette_saas_address_port := 443

# The note on the brokers that agents older than Palette 4.0 reach on NATS TCP 4222.
nats_note(fqdn) := "NATS TCP 4222 (deprecated since Palette 4.0.0) is needed only by older agents and was not checked" if {
	regex.match(`^(msg|message)[1-3]\.spectrocloud\.com$`, fqdn)
}

# management(kind) is what the intent's management platform adds to what the nodes reach, as
# {"host", "port"}: the one list HN-EGR-02, HN-PRB-01 and probe read.
management("palette-saas") := array.concat(
	[{"host": d.fqdn, "port": d.port} | some d in palette_saas_domains],
	[{"host": a, "port": palette_saas_address_port} | some a in palette_saas_addresses],
)

management(kind) := [] if not kind in {"palette-saas"}
