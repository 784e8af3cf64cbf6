//go:build unix

package atomicfile

import "syscall"

// writeFD writes to a descriptor the process already holds, without wrapping it in an
// *os.File (whose finalizer would close standard output).
func writeFD(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR || err == syscall.EAGAIN {
			continue
		}
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}
