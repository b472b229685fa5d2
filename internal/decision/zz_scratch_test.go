package decision_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

func TestZZScratch(t *testing.T) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile("/work/shared/conformance/cases/forgiving-input.yaml")
	extra := []string{"", "outcome:\n  light: green\n  verdict: proceed\nrationale: |\n  hello\n"}
	for _, e := range extra {
		d, err := decision.Decode(c, "f.yaml", append(append([]byte{}, data...), e...), decision.Options{Now: time.Now()})
		fmt.Println("ERR:", err)
		if d != nil {
			fmt.Println(string(decision.Canonical(d)))
		}
	}
	for _, s := range []string{"9999-12-31T23:59:59-01:00", "2026-11-23", "2026-11-23 14:02", "2026-11-23T14:02:00.5+01:00"} {
		tm, err := decision.ParseTime(s)
		fmt.Println(s, tm, err)
	}
}
