// Package policies embeds hybridcheck's built-in Rego checks: one package per catalog check,
// its _test.rego beside it, shared helpers in lib/.
package policies

import "embed"

// FS holds every .rego file under this folder (tests included; the engine skips them when
// checking and `policy test` runs them).
//
//go:embed *
var FS embed.FS
