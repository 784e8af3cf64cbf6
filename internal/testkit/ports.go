package testkit

import (
	"net"
	"testing"
)

// OpenPort starts a loopback TCP listener that accepts and closes every connection until the
// test ends, and returns its port: an endpoint a probe reaches.
func OpenPort(t testing.TB) int {
	t.Helper()
	ln := listen(t)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// ClosedPort returns a loopback port that was free a moment ago and that nothing listens on:
// an endpoint a probe cannot reach.
func ClosedPort(t testing.TB) int {
	t.Helper()
	ln := listen(t)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

func listen(t testing.TB) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}
