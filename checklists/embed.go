// Package checklists embeds rightsaid's checklists: the rights, the four-part
// test, the red-line screen, the kinds of restriction, the settings, the legal
// bases, the words of the outcome rules and the training scenarios. They are
// data, read and validated by internal/catalog; see README.md in this folder
// for the format.
package checklists

import "embed"

// FS holds the checklist files at its root, and the scenarios under
// scenarios/.
//
//go:embed *.yaml scenarios/*.yaml
var FS embed.FS

// The checklists are also compiled into rightsaid, already parsed and
// validated (internal/catalog/builtin): after changing a file here, run
// `go generate ./checklists`.
//
//go:generate go run ../internal/catalog/gencatalog
