package cli

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
	"github.com/spf13/cobra"
)

// registerName is the register as messages name it: the folder, or the
// PostgreSQL URL without its password.
func (f *Factory) registerName() string {
	return registerLabel(f.recordsDir())
}

func registerLabel(loc string) string {
	if pg.IsURL(loc) {
		return pg.Redact(loc)
	}
	return loc
}

// openRegisterAt opens the register at loc, a folder or a postgres:// URL.
// A folder that must already hold a register (the source of a copy) is
// not created.
func openRegisterAt(loc string, c *catalog.Catalog, mustExist bool) (register.Register, error) {
	if pg.IsURL(loc) {
		return pg.Open(loc, c)
	}
	if mustExist {
		info, err := os.Stat(loc)
		if err != nil || !info.IsDir() {
			return nil, usageErrorf("%s: no register there (give a register folder or a postgres:// URL)", loc)
		}
	}
	return register.OpenDir(loc, c)
}

func newCmdRecordsMigrate(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Create or update the tables of a PostgreSQL register",
		Long: `Create the tables of an organisation-wide register in PostgreSQL, or bring
them up to the version this rightsaid uses. Run it once before the first
save, and again after upgrading rightsaid; running it when there is nothing
to do changes nothing. The register is the database named by --records (or
RIGHTSAID_RECORDS): postgres://USER@HOST:PORT/DATABASE. Its tables live in
the schema rightsaid, or the one given by ?schema=NAME.

Run it as a user that may create tables; wards can then use a user that may
only read and add records (see the README).`,
		Example: `  rightsaid records migrate --records postgres://rightsaid@db.trust.nhs.uk/rightsaid
  RIGHTSAID_RECORDS=postgres://localhost/rightsaid rightsaid records migrate`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			loc := f.recordsDir()
			if !pg.IsURL(loc) {
				return usageErrorf("records migrate works on a PostgreSQL register: give --records postgres://USER@HOST/DATABASE (a folder register needs no migrating)")
			}
			res, err := pg.Migrate(loc)
			if err != nil {
				return err
			}
			w := f.IO.Out
			for _, m := range res.Applied {
				fmt.Fprintf(w, "applied %s\n", m.Name)
			}
			if len(res.Applied) == 0 {
				fmt.Fprintf(w, "The register at %s (schema %s) is up to date: version %d.\n", res.Where, res.Schema, res.Version)
				return nil
			}
			fmt.Fprintf(w, "The register at %s (schema %s) is at version %d.\n", res.Where, res.Schema, res.Version)
			return nil
		},
	}
}

func newCmdRecordsCopy(f *Factory) *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "copy --from SRC --to DST",
		Short: "Copy records between registers: a folder and PostgreSQL, either way",
		Long: `Copy every record of one register into another, keeping each record's id and
exact bytes, in the order they were saved: a ward's folder into the
organisation's PostgreSQL register, or back. Each of SRC and DST is a folder
or a postgres:// URL; the one not given is the register of --records.

Both registers are verified first, and nothing is copied if either shows
tampering or if DST holds a record with one of SRC's ids but other contents.
Records DST already holds are skipped, so running the same copy twice is
safe. Afterwards DST is verified again and checked to hold every record of
SRC. A PostgreSQL register must have been migrated first.`,
		Example: `  rightsaid records copy --from ~/.local/share/rightsaid/records --to postgres://localhost/rightsaid
  rightsaid records copy --from postgres://localhost/rightsaid --to backup-2026-11`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if from == "" && to == "" {
				return usageErrorf("records copy needs --from SRC or --to DST (each a folder or a postgres:// URL)")
			}
			if from == "" {
				from = f.recordsDir()
			}
			if to == "" {
				to = f.recordsDir()
			}
			if strings.TrimSpace(from) == strings.TrimSpace(to) {
				return usageErrorf("--from and --to are the same register (%s)", registerLabel(from))
			}
			c, err := f.Catalog()
			if err != nil {
				return err
			}
			src, err := openRegisterAt(from, c, true)
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := openRegisterAt(to, c, false)
			if err != nil {
				return err
			}
			defer dst.Close()
			start := f.Now()
			res, err := pg.Copy(src, dst)
			if err != nil {
				return err
			}
			w := f.IO.Out
			fmt.Fprintf(w, "Copied %s from %s to %s (%d already there).\n", records(res.Copied), registerLabel(from), registerLabel(to), res.Skipped)
			fmt.Fprintf(w, "Both registers verified, no problems: %s in %s, %s in %s.\n", records(res.From.Records), registerLabel(from), records(res.To.Records), registerLabel(to))
			fmt.Fprintf(w, "head digest of %s: %s\n", registerLabel(to), res.To.Head)
			if d := f.Now().Sub(start); d > 5*time.Second {
				fmt.Fprintf(f.IO.ErrOut, "took %s\n", d.Round(time.Second))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "copy from the register `SRC`: a folder or a postgres:// URL (default: --records)")
	cmd.Flags().StringVar(&to, "to", "", "copy into the register `DST`: a folder or a postgres:// URL (default: --records)")
	return cmd
}

// orgFlags are the organisation views of `records due`: which service, which
// unit, and a grouping by unit.
type orgFlags struct {
	Setting string
	Unit    string
	ByUnit  bool
}

func (o *orgFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Setting, "setting", "", "only reviews in this `SETTING` (e.g. care-home)")
	cmd.Flags().StringVar(&o.Unit, "unit", "", "only reviews in this `UNIT` (the ward, home or team, as recorded; case ignored)")
	cmd.Flags().BoolVar(&o.ByUnit, "by-unit", false, "group the reviews by setting and unit")
}

// filter keeps the reviews in the setting and unit asked for.
func (o *orgFlags) filter(due []register.Due) []register.Due {
	return slices.DeleteFunc(due, func(d register.Due) bool {
		return o.Setting != "" && string(d.Record.Setting) != strings.ToLower(strings.TrimSpace(o.Setting)) ||
			o.Unit != "" && !strings.EqualFold(strings.TrimSpace(d.Record.Unit), strings.TrimSpace(o.Unit))
	})
}

// unitGroup is the reviews due in one unit of one setting.
type unitGroup struct {
	Setting string
	Unit    string
	Due     []register.Due
}

// byUnit groups reviews by setting and unit, in order of setting and unit
// name (the records with no unit last in their setting), each soonest first.
func groupByUnit(due []register.Due) []unitGroup {
	var groups []unitGroup
	at := map[[2]string]int{}
	for _, d := range due {
		setting, unit := string(d.Record.Setting), strings.TrimSpace(d.Record.Unit)
		key := [2]string{setting, strings.ToLower(unit)} // units as typed: "Ward 7" and "ward 7" are one
		i, ok := at[key]
		if !ok {
			i = len(groups)
			at[key] = i
			groups = append(groups, unitGroup{Setting: setting, Unit: unit})
		}
		groups[i].Due = append(groups[i].Due, d)
	}
	slices.SortStableFunc(groups, func(a, b unitGroup) int {
		if c := cmp.Compare(a.Setting, b.Setting); c != 0 {
			return c
		}
		if (a.Unit == "") != (b.Unit == "") {
			if a.Unit == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(strings.ToLower(a.Unit), strings.ToLower(b.Unit))
	})
	return groups
}

// records says how many records: "1 record", "3 records".
func records(n int) string {
	if n == 1 {
		return "1 record"
	}
	return fmt.Sprintf("%d records", n)
}

// dueReviews lists the reviews due by now plus within: a register that can
// find them itself (PostgreSQL, on its index) does; otherwise they are
// picked from every record.
func dueReviews(reg register.Register, now time.Time, within time.Duration) ([]register.Due, error) {
	if dl, ok := reg.(interface {
		Due(now time.Time, within time.Duration) ([]register.Due, error)
	}); ok {
		return dl.Due(now, within)
	}
	entries, err := register.Entries(reg)
	if err != nil {
		return nil, err
	}
	return register.DueBy(entries, now, within), nil
}
