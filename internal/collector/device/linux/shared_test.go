//go:build realdata || daemons

package linux

import "path/filepath"

// realdata is ../shared/realdata beside the work tree, reached from this package's folder: the
// real strongSwan, Libreswan and FRR exports, which are GPL and stay out of the repository
// (read by the realdata and daemons tests only).
var realdata = filepath.Join("..", "..", "..", "..", "..", "shared", "realdata")
