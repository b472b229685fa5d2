package catalog

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

// Snapshot encodes a loaded, validated catalog compactly (gob). The embedded
// checklists ship a snapshot beside their YAML (checklists/snapshot.gob, made
// by `go generate ./checklists`), because decoding it takes a tenth of the
// time of parsing the YAML, and every command that needs the catalog pays
// that at start-up. A test checks the snapshot against the YAML.
func (c *Catalog) Snapshot() ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(c); err != nil {
		return nil, fmt.Errorf("snapshot the catalog: %w", err)
	}
	return b.Bytes(), nil
}

// FromSnapshot decodes a catalog made by Snapshot.
func FromSnapshot(data []byte) (*Catalog, error) {
	var c Catalog
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil {
		return nil, fmt.Errorf("read the catalog snapshot: %w", err)
	}
	if len(c.Rights) == 0 {
		return nil, fmt.Errorf("read the catalog snapshot: it holds no rights")
	}
	c.index()
	return &c, nil
}
