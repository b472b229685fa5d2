// Package atomicfile replaces a file's contents all at once: a reader (or a
// crash) sees the old file or the new one, never half of either.
package atomicfile

import "os"

// WriteFile writes data to a temporary file beside filename, syncs it, and
// renames it over filename, then syncs the folder.
func WriteFile(filename string, data []byte, perm os.FileMode) error {
	return writeFile(filename, data, perm)
}
