// Package awspath is the AWS side's one network model: where a VPC or transit gateway route
// table sends each piece of a CIDR, and what a network ACL or security group lets through,
// exposed to Rego as the hybridcheck.aws_* built-ins (docs/semantics.md, "# AWS").
package awspath
