# METADATA
# title: Broken
# custom:
#   id: ACME-BRK-01
#   severity: low
package acme.broken

deny contains msg if {
	msg := "unterminated
}
