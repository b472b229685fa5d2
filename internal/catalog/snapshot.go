package catalog

import (
	"encoding/json"
	"fmt"
)

// Snapshot encodes a loaded, validated catalog as JSON. The embedded
// checklists ship a snapshot beside their YAML (checklists/snapshot.json,
// made by `go generate ./checklists`), because decoding it takes a quarter
// of the time of parsing and validating the YAML, and every command that
// needs the catalog pays that at start-up. A test checks the snapshot
// against the YAML.
func (c *Catalog) Snapshot() ([]byte, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("snapshot the catalog: %w", err)
	}
	return append(data, '\n'), nil
}

// FromSnapshot decodes a catalog made by Snapshot.
func FromSnapshot(data []byte) (*Catalog, error) {
	var c Catalog
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("read the catalog snapshot: %w", err)
	}
	if len(c.Rights) == 0 {
		return nil, fmt.Errorf("read the catalog snapshot: it holds no rights")
	}
	c.index()
	return &c, nil
}
