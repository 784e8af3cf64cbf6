// Package lint holds the module-wide source checks that no compiler or vet pass makes: every
// exported identifier has a doc comment, and no function runs past 100 lines.
package lint
