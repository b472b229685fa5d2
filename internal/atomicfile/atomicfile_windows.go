//go:build windows

package atomicfile

import (
	"os"
	"path/filepath"
)

// writeFile on Windows: renameio does not support it, so write a temporary
// file in the same folder, sync it and rename it over the target (MoveFileEx
// with replace, through os.Rename).
func writeFile(filename string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(filename), "."+filepath.Base(filename)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, filename)
}
