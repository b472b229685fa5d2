package register

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// Digest is the SHA-256 of b, in hex: the digest the chain keeps of each
// record, and the one its id is drawn from.
func Digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// IDs are the ids the register gives a record, in the order they are tried
// (DESIGN.md section 6): RA-<recorded_at in UTC>-<the first 6 hex digits of
// the SHA-256 of its canonical form without id>, then the first 12, 18...
// on a clash. A record's id is the first one not taken. Every register,
// and a copy from one to another, draws ids this one way.
func IDs(rec *decision.Decision) []string {
	out := *rec
	out.ID = ""
	sum := Digest(decision.Canonical(&out))
	stamp := rec.RecordedAt.Time().UTC().Format("20060102-150405")
	ids := make([]string, 0, len(sum)/6)
	for n := 6; n <= len(sum); n += 6 {
		ids = append(ids, "RA-"+stamp+"-"+sum[:n])
	}
	return ids
}

// ValidID reports whether id has the shape of a record id (and so is safe as
// a file name or a key).
func ValidID(id string) bool {
	if !strings.HasPrefix(id, "RA-") || len(id) < len("RA-20261123-140200-3f9a1c") || len(id) > 100 {
		return false
	}
	for _, c := range id[3:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-') {
			return false
		}
	}
	return true
}

// ParseRecord decodes a stored record, file naming it in messages, with its
// stored outcome and rationale: as every register reads its records.
func ParseRecord(c *catalog.Catalog, file string, data []byte) (*decision.Decision, error) {
	d, err := decision.Decode(c, file, data, decision.Options{})
	if err != nil {
		return nil, err
	}
	o, ok, err := d.ReadStoredOutcome()
	if err != nil {
		return nil, err
	}
	if ok {
		d.Outcome = &o
	}
	if n := d.StoredRationale; n != nil {
		d.Rationale = n.Value
	}
	return d, nil
}
