# METADATA
# title: Reuses a built-in ID
# custom:
#   id: HN-VPC-02
#   severity: low
package acme.dup

deny contains {"resource": "x", "message": "dup"} if false
