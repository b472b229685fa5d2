//go:build !windows

package atomicfile

import (
	"os"

	"github.com/google/renameio/v2"
)

func writeFile(filename string, data []byte, perm os.FileMode) error {
	return renameio.WriteFile(filename, data, perm)
}
