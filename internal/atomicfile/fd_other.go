//go:build !unix

package atomicfile

import (
	"errors"
	"os"
)

func writeFD(fd int, data []byte) error {
	switch fd {
	case 1:
		_, err := os.Stdout.Write(data)
		return err
	case 2:
		_, err := os.Stderr.Write(data)
		return err
	}
	return errors.New("descriptor paths are not supported on this system")
}
