package register

import (
	"crypto/sha256"
	"encoding/hex"

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
