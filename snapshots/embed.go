// Package snapshots ships the snapshot JSON Schema and the reference snapshots of the seed's
// example architecture inside the binary.
package snapshots

import _ "embed"

// Schema is snapshot.schema.json, generated from internal/snapshot's Go types.
//
//go:embed snapshot.schema.json
var Schema []byte

// GenericDeviceSchema is generic-device.schema.json, generated from the generic device
// importer's Go types; the importer validates every file with it.
//
//go:embed generic-device.schema.json
var GenericDeviceSchema []byte

// ReferenceBroken is reference-broken.json: the seed's architecture with documented defects,
// from which `hybridcheck explain` shows an example failure.
//
//go:embed reference-broken.json
var ReferenceBroken []byte
