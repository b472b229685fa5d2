package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/rightsaid/rightsaid/internal/atomicfile"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
)

// dataDir is rightsaid's data folder: $XDG_DATA_HOME/rightsaid on Linux
// (default ~/.local/share/rightsaid), ~/Library/Application Support/rightsaid
// on macOS, %LOCALAPPDATA%\rightsaid on Windows.
func (f *Factory) dataDir() string {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if v := f.Env("XDG_DATA_HOME"); v != "" {
			return filepath.Join(v, "rightsaid")
		}
		if home := f.Env("HOME"); home != "" {
			return filepath.Join(home, ".local", "share", "rightsaid")
		}
	}
	return filepath.Join(xdg.DataHome, "rightsaid")
}

// draftStore keeps the wizard's drafts: one file a decision, so two people
// on one PC never overwrite each other's work.
type draftStore struct{ dir string }

func (f *Factory) drafts() draftStore { return draftStore{dir: filepath.Join(f.dataDir(), "drafts")} }

// newDraftName names the draft of a decision started at t: its UTC time and
// a random suffix.
func newDraftName(t time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:]) // crypto/rand does not fail on supported platforms
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

func (s draftStore) path(name string) string { return filepath.Join(s.dir, name+".yaml") }

// Save writes the draft atomically, readable only by its owner.
func (s draftStore) Save(name string, d *decision.Decision) error {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("keep the draft: %w", err)
	}
	draft := *d
	draft.Outcome, draft.Rationale = nil, ""
	if err := atomicfile.WriteFile(s.path(name), decision.Canonical(&draft), 0o600); err != nil {
		return fmt.Errorf("keep the draft: %w", err)
	}
	return nil
}

// Unchanged reports whether the draft kept is still d, as first kept.
func (s draftStore) Unchanged(name string, d *decision.Decision) bool {
	data, err := os.ReadFile(s.path(name))
	if err != nil {
		return false
	}
	draft := *d
	draft.Outcome, draft.Rationale = nil, ""
	return bytes.Equal(data, decision.Canonical(&draft))
}

// Remove deletes a draft once its decision is saved or discarded.
func (s draftStore) Remove(name string) error {
	err := os.Remove(s.path(name))
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	if perr := os.Remove(s.placePath(name)); perr != nil && !errors.Is(perr, fs.ErrNotExist) && err == nil {
		err = perr
	}
	return err
}

// draftPlace is where a draft's decision belongs, when it is not the
// default: the register it is to be saved in and the checklists it was
// answered against. A draft carried on later, in another shell, without
// the --records it was begun with, must still be saved in its ward's
// register, not the default one.
type draftPlace struct {
	Records    string `json:"records,omitempty"`
	Checklists string `json:"checklists,omitempty"`
}

// place is where a decision begun now belongs: the register and checklists
// named by flag or environment, as absolute paths.
func (f *Factory) place() draftPlace {
	var p draftPlace
	if f.RecordsDir != "" || f.Env("RIGHTSAID_RECORDS") != "" {
		p.Records = absolute(f.recordsDir())
	}
	if f.ChecklistsDir != "" {
		p.Checklists = absolute(f.ChecklistsDir)
	}
	return p
}

// absolute is a folder's absolute path; a postgres:// URL is left as it is.
func absolute(loc string) string {
	if strings.Contains(loc, "://") {
		return loc
	}
	if abs, err := filepath.Abs(loc); err == nil {
		return abs
	}
	return loc
}

func (s draftStore) placePath(name string) string { return filepath.Join(s.dir, name+".place.json") }

// SavePlace keeps where a draft belongs beside it (nothing, for the
// defaults).
func (s draftStore) SavePlace(name string, p draftPlace) error {
	if p == (draftPlace{}) {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("keep the draft: %w", err)
	}
	data, _ := json.Marshal(p) // two strings: cannot fail
	if err := atomicfile.WriteFile(s.placePath(name), append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("keep the draft: %w", err)
	}
	return nil
}

// Place is where a draft belongs: the defaults when nothing was kept.
func (s draftStore) Place(name string) (draftPlace, error) {
	var p draftPlace
	data, err := os.ReadFile(s.placePath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("%s: %w", s.placePath(name), err)
	}
	return p, nil
}

// carryOn makes a draft being carried on go where it belongs: to the
// register it was begun with, unless --records or RIGHTSAID_RECORDS names
// one now. A draft answered against other checklists must be carried on
// with them (its answers may not fit the built-in ones).
func (f *Factory) carryOn(store draftStore, name string) error {
	p, err := store.Place(name)
	if err != nil {
		return err
	}
	if p.Checklists != "" && absolute(f.ChecklistsDir) != p.Checklists {
		return usageErrorf("the draft %s was begun with the checklists in %s: carry on with them: rightsaid decide --resume=%s --checklists %s",
			name, p.Checklists, name, shellQuote(p.Checklists))
	}
	now := f.place()
	switch {
	case p.Records == "" || p.Records == now.Records:
	case now.Records == "":
		f.RecordsDir = p.Records
		fmt.Fprintf(f.IO.ErrOut, "This draft was begun with the register %s: it will be saved there.\n", p.Records)
	default:
		fmt.Fprintf(f.IO.ErrOut, "This draft was begun with the register %s; it will be saved in %s, as you asked.\n", p.Records, now.Records)
	}
	return nil
}

// draftInfo describes a kept draft.
type draftInfo struct {
	Name     string
	Modified time.Time
	Summary  string
}

// List returns the drafts, newest first.
func (s draftStore) List(c *catalog.Catalog) ([]draftInfo, error) {
	entries, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []draftInfo
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		summary := "(cannot be read)"
		if d, err := s.Load(c, name); err == nil {
			summary = draftSummary(c, d)
		}
		out = append(out, draftInfo{Name: name, Modified: info.ModTime(), Summary: summary})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name > out[j].Name })
	return out, nil
}

// Load reads a draft: a schema-v1 document decoded without the required
// field check.
func (s draftStore) Load(c *catalog.Catalog, name string) (*decision.Decision, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, usageErrorf("%q is not a draft name: 'rightsaid decide --resume' lists the drafts", name)
	}
	data, err := os.ReadFile(s.path(name))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("no draft %q: 'rightsaid decide --resume' lists the drafts", name)
		}
		return nil, err
	}
	return decision.Decode(c, s.path(name), data, decision.Options{Draft: true, Unanswered: true})
}

// draftSummary is one line that tells drafts apart: who, what, how far.
func draftSummary(c *catalog.Catalog, d *decision.Decision) string {
	var parts []string
	if d.Supersedes != "" {
		parts = append(parts, "review of "+d.Supersedes)
	}
	if d.Person.Ref != "" {
		parts = append(parts, d.Person.Ref)
	}
	if k, ok := c.Kind(string(d.Restriction.Kind)); ok {
		parts = append(parts, k.Title)
	}
	if s, ok := c.Setting(string(d.Setting)); ok {
		parts = append(parts, s.Title)
	}
	switch {
	case len(parts) > 0:
	case d.DecidedBy.Role != "":
		parts = append(parts, "begun by "+render.Clean(d.DecidedBy.Role))
	default:
		parts = append(parts, "nothing answered yet")
	}
	if missing := len(d.Missing()); missing > 0 {
		parts = append(parts, render.Plural(missing, "required answer", "required answers")+" to go")
	} else {
		parts = append(parts, "ready to save")
	}
	return strings.Join(parts, ", ")
}
