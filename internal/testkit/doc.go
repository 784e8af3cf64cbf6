// Package testkit holds helpers that several packages' tests share and that belong to no
// package under test; only tests import it.
package testkit
