// Command gensnapshot writes checklists/snapshot.json, the parsed form of the
// embedded checklists that rightsaid reads at start-up. Run it through
// `go generate ./checklists` after changing any checklist file; a test fails
// until the snapshot matches the YAML.
package main

import (
	"fmt"
	"os"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
)

func main() {
	out := "snapshot.json"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	c, err := catalog.Load(checklists.FS, "")
	if err == nil {
		var data []byte
		if data, err = c.Snapshot(); err == nil {
			err = os.WriteFile(out, data, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}
