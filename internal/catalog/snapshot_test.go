package catalog

import (
	"reflect"
	"testing"

	"github.com/rightsaid/rightsaid/checklists"
)

// TestSnapshotIsCurrent: the snapshot rightsaid reads at start-up holds
// exactly what the embedded YAML says. After changing a checklist file, run
// `go generate ./checklists`.
func TestSnapshotIsCurrent(t *testing.T) {
	fromYAML, err := Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	fromSnapshot, err := FromSnapshot(checklists.Snapshot)
	if err != nil {
		t.Fatalf("%v: run go generate ./checklists", err)
	}
	fromYAML.positions = nil // where values stood in the files: not in a snapshot
	if !reflect.DeepEqual(fromYAML, fromSnapshot) {
		t.Fatal("checklists/snapshot.json does not match the checklists' YAML: run go generate ./checklists")
	}
}

func TestFromSnapshotRefusesGarbage(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a snapshot")} {
		if _, err := FromSnapshot(data); err == nil {
			t.Errorf("FromSnapshot(%q) = nil error", data)
		}
	}
}

func BenchmarkFromSnapshot(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromSnapshot(checklists.Snapshot); err != nil {
			b.Fatal(err)
		}
	}
}
