package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// CheckAgainst checks that c, loaded from a local folder, keeps the contract
// of base (the embedded checklists): it holds every setting, kind and basis
// that base holds, and it keeps what a local policy may not change: each
// right's category, each kind's intensity and flags, and each basis's power,
// whether it authorises a deprivation of liberty, and what it fits. Texts and
// review intervals may differ. dir names the folder in messages; each problem
// gives the line it was read from, when c was loaded by [Load].
func (c *Catalog) CheckAgainst(base *Catalog, dir string) error {
	var errs yamlnode.Errors
	// add records a problem at path, giving the line of the value at (the
	// same field, by index as Load records it) when it is known.
	add := func(file, path, at, format string, args ...any) {
		e := &yamlnode.Error{File: strings.TrimSuffix(dir, "/") + "/" + file, Path: path, Msg: fmt.Sprintf(format, args...)}
		if pos, ok := c.positions[file][at]; ok {
			e.Line, e.Column = pos.Line, pos.Column
		}
		errs = append(errs, e)
	}
	for _, br := range base.Rights {
		i := slices.IndexFunc(c.Rights, func(r Right) bool { return r.Article == br.Article })
		if i >= 0 && c.Rights[i].Category != br.Category {
			at := fmt.Sprintf("rights[%d].category", i)
			add("rights.yaml", at, at, "article %s is %s; it must stay %s (the rationale words each category differently)", br.Article, c.Rights[i].Category, br.Category)
		}
	}
	for _, s := range base.Settings {
		if _, ok := c.Setting(s.ID); !ok {
			add("settings.yaml", "settings", "settings", "missing setting %q: a local folder may add settings but not remove them", s.ID)
		}
	}
	for _, bk := range base.Kinds {
		k, ok := c.Kind(bk.ID)
		if !ok {
			add("kinds.yaml", "kinds", "kinds", "missing kind %q: a local folder may add kinds but not remove them", bk.ID)
			continue
		}
		at := fmt.Sprintf("kinds[%d]", slices.IndexFunc(c.Kinds, func(x Kind) bool { return x.ID == k.ID }))
		if k.Intensity != bk.Intensity {
			add("kinds.yaml", "kinds."+k.ID+".intensity", at+".intensity", "is %s; it must stay %s (the outcome rules depend on it)", k.Intensity, bk.Intensity)
		}
		for _, flag := range []struct {
			name      string
			got, want bool
		}{
			{"only_if_lacks_capacity", k.OnlyIfLacksCapacity, bk.OnlyIfLacksCapacity},
			{"never_emergency", k.NeverEmergency, bk.NeverEmergency},
			{"dol_check", k.DoLCheck, bk.DoLCheck},
		} {
			if flag.got != flag.want {
				// An absent flag has no line of its own: give the kind's.
				flagAt := at + "." + flag.name
				if _, ok := c.positions["kinds.yaml"][flagAt]; !ok {
					flagAt = at
				}
				add("kinds.yaml", "kinds."+k.ID+"."+flag.name, flagAt, "is %t; it must stay %t (the outcome rules depend on it)", flag.got, flag.want)
			}
		}
	}
	for _, bb := range base.Bases {
		b, ok := c.Basis(bb.ID)
		if !ok {
			add("bases.yaml", "bases", "bases", "missing basis %q: a local folder may add bases but not remove them", bb.ID)
			continue
		}
		same := b.Power == bb.Power && b.AuthorisesDeprivationOfLiberty == bb.AuthorisesDeprivationOfLiberty &&
			slices.Equal(sorted(b.Nations), sorted(bb.Nations)) && b.Capacity == bb.Capacity &&
			sameAnyOf(b.Ages, bb.Ages) && sameAnyOf(b.Settings, bb.Settings)
		if !same {
			at := fmt.Sprintf("bases[%d]", slices.IndexFunc(c.Bases, func(x Basis) bool { return x.ID == b.ID }))
			add("bases.yaml", "bases."+b.ID, at, "changes what the basis is or fits; power, authorises_deprivation_of_liberty, nations, ages, capacity and settings must stay as shipped (power %t, authorises_deprivation_of_liberty %t, nations %v, ages %s, capacity %s, settings %s)",
				bb.Power, bb.AuthorisesDeprivationOfLiberty, bb.Nations, bb.Ages, bb.Capacity, bb.Settings)
		}
	}
	return errs.Err()
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func sameAnyOf(a, b AnyOf) bool {
	return a.Any == b.Any && slices.Equal(sorted(a.Values), sorted(b.Values))
}
