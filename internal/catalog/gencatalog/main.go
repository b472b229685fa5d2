// Command gencatalog writes internal/catalog/builtin/data.go, the embedded
// checklists parsed, validated and written as Go, which rightsaid is built
// with. Run it through `go generate ./checklists` after changing any
// checklist file; a test fails until the file matches the YAML.
package main

import (
	"fmt"
	"os"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/catalog/gosource"
)

func main() {
	out := "../internal/catalog/builtin/data.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	c, err := catalog.Load(checklists.FS, "")
	if err == nil {
		var data []byte
		if data, err = gosource.Write(c, "gencatalog", "builtin", "data"); err == nil {
			err = os.WriteFile(out, data, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}
