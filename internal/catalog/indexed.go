package catalog

// Indexed returns a copy of c ready for lookups (Right, Kind, Setting,
// Basis), for a catalog built as a value rather than loaded: the built-in
// one (internal/catalog/builtin). The copy shares c's slices and maps.
func Indexed(c Catalog) *Catalog {
	c.index()
	return &c
}
