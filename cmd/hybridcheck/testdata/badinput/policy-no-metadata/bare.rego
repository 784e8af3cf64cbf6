package acme.bare

deny contains {"resource": "x", "message": "no metadata"} if false
