// Package builtin is rightsaid's own checklists (checklists/*.yaml), parsed
// and validated when they were last changed, and compiled in as Go (data.go,
// made by `go generate ./checklists`): the fastest start there is, with
// nothing to parse or decode. A test fails until data.go matches the YAML.
package builtin

import (
	"sync"

	"github.com/rightsaid/rightsaid/internal/catalog"
)

// Catalog returns the built-in catalog. It is shared by every caller, so it
// must not be changed.
var Catalog = sync.OnceValue(func() *catalog.Catalog { return catalog.Indexed(data) })
