package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/spf13/cobra"
)

// recordsDir is the register: --records, RIGHTSAID_RECORDS, or the data
// folder's records. It is a folder, or a postgres:// URL.
func (f *Factory) recordsDir() string {
	switch {
	case f.RecordsDir != "":
		return f.RecordsDir
	case f.Env("RIGHTSAID_RECORDS") != "":
		return f.Env("RIGHTSAID_RECORDS")
	}
	return filepath.Join(f.dataDir(), "records")
}

// Register opens the register: the PostgreSQL register for a postgres:// or
// postgresql:// URL, the folder register otherwise.
//
// A folder named with --records or RIGHTSAID_RECORDS must exist unless a
// record is being saved, so a mistyped path is an error rather than an
// empty, "intact" register.
func (f *Factory) Register(c *catalog.Catalog) (register.Register, error) {
	return f.openRegister(c, false)
}

func (f *Factory) openRegister(c *catalog.Catalog, saving bool) (register.Register, error) {
	loc := f.recordsDir()
	if pg.IsURL(loc) {
		return pg.Open(loc, c)
	}
	named := f.RecordsDir != "" || f.Env("RIGHTSAID_RECORDS") != ""
	if named && !saving {
		if info, err := os.Stat(loc); err != nil || !info.IsDir() {
			return nil, usageErrorf("no register at %s: check --records or RIGHTSAID_RECORDS (a register is made when the first decision is saved)", loc)
		}
	}
	return register.OpenDir(loc, c)
}

// readRegister loads the checklists and the clock and opens the register,
// for the commands that read it. The caller closes the register.
func (f *Factory) readRegister(out *outputFlags) (*catalog.Catalog, time.Time, register.Register, error) {
	c, err := f.Catalog()
	if err != nil {
		return nil, time.Time{}, nil, err
	}
	now, err := out.now(f)
	if err != nil {
		return nil, time.Time{}, nil, err
	}
	reg, err := f.Register(c)
	if err != nil {
		return nil, time.Time{}, nil, err
	}
	return c, now, reg, nil
}

// saveFlags are the flags of the commands that save a record.
type saveFlags struct {
	AllowIdentifiers bool
}

func (s *saveFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&s.AllowIdentifiers, "allow-identifiers", false, "save even when person.ref holds an NHS or CHI number (it should be a pseudonymous reference)")
}

// checkRef refuses a person reference that identifies someone, unless
// allowed, and warns (on warn) on one that looks like a name.
func checkRef(warn io.Writer, d *decision.Decision, allow bool) error {
	ref := d.Person.Ref
	if decision.HoldsHealthNumber(ref) && !allow {
		return usageErrorf("person.ref %q holds an NHS or CHI number: records hold a pseudonymous reference, never an identifier; use your local reference (or --allow-identifiers if your policy requires it). Nothing was saved", ref)
	}
	if decision.LooksLikeName(ref) {
		fmt.Fprintf(warn, "warning: person.ref %q looks like a personal name: records should hold a pseudonymous reference\n", ref)
	}
	return nil
}

// saveRecord saves a decision's record in the register and returns it with
// its id.
// alreadyHeld reports whether the register holds rec already, word for
// word (its first id is taken by the same record), and that record's id.
func alreadyHeld(reg register.Register, rec *decision.Decision) (string, bool) {
	id := register.IDs(rec)[0]
	held, err := reg.Get(id)
	if err != nil {
		return "", false
	}
	a, b := *held, *rec
	a.ID, b.ID = "", ""
	return id, bytes.Equal(decision.Canonical(&a), decision.Canonical(&b))
}

// saveRecord saves d with its outcome o in the register; warnings go to warn.
func saveRecord(f *Factory, warn io.Writer, c *catalog.Catalog, d *decision.Decision, o decision.Outcome, allow bool) (*decision.Decision, error) {
	if err := checkRef(warn, d, allow); err != nil {
		return nil, err
	}
	reg, err := f.openRegister(c, true)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	rec := render.Record(c, d, o, f.Location())
	if same, ok := alreadyHeld(reg, rec); ok {
		// Most likely the same answers file saved twice by mistake: the
		// second record is kept, as any record is, but the practitioner
		// is told.
		fmt.Fprintf(warn, "warning: the register already holds this decision, word for word, as %s: it is saved again as a second record\n", same)
	}
	id, err := reg.Save(rec)
	if err != nil {
		var sup *register.SupersedeError
		if errors.As(err, &sup) {
			return nil, &UsageError{Err: err}
		}
		return nil, err
	}
	rec.ID = id
	return rec, nil
}

// NewCmdRecords builds `rightsaid records`.
func NewCmdRecords(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "records",
		Short: "The register of saved decisions: list, show, due reviews, review, verify, export",
		Long: `The register keeps every saved decision as a record that is never overwritten:
a review is a new record that supersedes the one before, so each restriction
has a chain of records. 'records due' shows the reviews that are due;
'records verify' proves no record was edited, removed or added by hand.

The register is the folder given by --records, or RIGHTSAID_RECORDS, or
'records' in the data folder (` + "`~/.local/share/rightsaid/records`" + ` on Linux).
An organisation-wide register is a PostgreSQL database instead:
--records postgres://USER@HOST/DATABASE (see 'records migrate' and
'records copy').`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdRecordsMigrate(f), newCmdRecordsCopy(f))
	cmd.AddCommand(newCmdRecordsList(f, false), newCmdRecordsShow(f), newCmdRecordsDue(f),
		newCmdRecordsReview(f), newCmdRecordsVerify(f), newCmdRecordsList(f, true))
	return cmd
}

// filterFlags select records.
type filterFlags struct {
	Due     bool
	Light   string
	Kind    string
	Person  string
	Setting string
	Unit    string
	Since   string
	Until   string
}

func (fl *filterFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&fl.Due, "due", false, "only the latest records of open chains whose review is due")
	cmd.Flags().StringVar(&fl.Light, "light", "", "only records with this `LIGHT` (green, amber or red)")
	cmd.Flags().StringVar(&fl.Kind, "kind", "", "only records of this `KIND` of restriction")
	cmd.Flags().StringVar(&fl.Person, "person", "", "only records about this person `REF`")
	cmd.Flags().StringVar(&fl.Setting, "setting", "", "only records made in this `SETTING`")
	cmd.Flags().StringVar(&fl.Unit, "unit", "", "only records made in this `UNIT` (the ward, home or team; case ignored)")
	cmd.Flags().StringVar(&fl.Since, "since", "", "only records made on or after `DATE` (2026-11-01 or an RFC 3339 time)")
	cmd.Flags().StringVar(&fl.Until, "until", "", "only records made before `DATE` (2026-12-01 or an RFC 3339 time)")
}

// parseDateFlag reads a date (midnight in the reader's zone) or a time.
func parseDateFlag(name, s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc); err == nil {
		return t, nil
	}
	t, err := decision.ParseTime(s)
	if err != nil {
		return time.Time{}, usageErrorf("--%s: %q is not a date (2026-11-01) or an RFC 3339 time", name, s)
	}
	return t, nil
}

// splitUnreadable separates records that could not be read from any other
// error: the command shows what it read, then fails (exit 1) naming the
// records it left out and what that means.
func splitUnreadable(err error, meaning string) (unread, other error) {
	var u *register.UnreadableError
	if err == nil || !errors.As(err, &u) {
		return nil, err
	}
	return &leftOutError{u, meaning}, nil
}

// leftOutError is records a list left out, with what that means for it.
type leftOutError struct {
	*register.UnreadableError
	meaning string
}

func (e *leftOutError) Error() string {
	return e.UnreadableError.Error() + "\n" + strings.ToUpper(e.meaning[:1]) + e.meaning[1:] +
		". Run 'rightsaid records verify' to see whether they were edited by hand."
}

func (e *leftOutError) Unwrap() error { return e.UnreadableError }

// selector returns whether a record passes the filters.
func (fl *filterFlags) selector(now time.Time, loc *time.Location) (func(register.Listed) bool, error) {
	since, err := parseDateFlag("since", fl.Since, loc)
	if err != nil {
		return nil, err
	}
	until, err := parseDateFlag("until", fl.Until, loc)
	if err != nil {
		return nil, err
	}
	if fl.Light != "" && !slices.Contains(catalog.Lights, fl.Light) {
		return nil, usageErrorf("--light %q: use green, amber or red", fl.Light)
	}
	return func(l register.Listed) bool {
		switch {
		case fl.Light != "" && l.Light != fl.Light,
			fl.Kind != "" && l.Kind != strings.ToLower(fl.Kind),
			fl.Person != "" && !strings.EqualFold(l.Person, fl.Person),
			fl.Setting != "" && l.Setting != strings.ToLower(fl.Setting),
			fl.Unit != "" && !strings.EqualFold(strings.TrimSpace(l.Unit), strings.TrimSpace(fl.Unit)),
			!since.IsZero() && l.RecordedAt.Before(since),
			!until.IsZero() && !l.RecordedAt.Before(until),
			fl.Due && (!l.Latest() || l.Ended || l.Light == "" || l.ReviewDue.After(now)):
			return false
		}
		return true
	}, nil
}

// status says where a record stands in its chain.
func status(l register.Listed) string {
	switch {
	case !l.Latest():
		return "reviewed by " + l.SupersededBy
	case l.Ended:
		return "ended"
	}
	return "open"
}

// summaryRow is a record as `records list` shows it.
type summaryRow struct {
	ID           string `json:"id"`
	RecordedAt   string `json:"recorded_at"`
	Person       string `json:"person"`
	Setting      string `json:"setting"`
	Kind         string `json:"kind"`
	Light        string `json:"light"`
	Verdict      string `json:"verdict"`
	ReviewDue    string `json:"review_due"`
	Supersedes   string `json:"supersedes,omitempty"`
	SupersededBy string `json:"superseded_by,omitempty"`
	Status       string `json:"status"`
}

func rowOf(l register.Listed) summaryRow {
	r := summaryRow{ID: l.ID, RecordedAt: decision.NewTime(l.RecordedAt).String(), Person: l.Person, Setting: l.Setting,
		Kind: l.Kind, Supersedes: l.Supersedes, SupersededBy: l.SupersededBy, Status: status(l)}
	if l.Light != "" {
		r.Light, r.Verdict, r.ReviewDue = l.Light, l.Verdict, decision.NewTime(l.ReviewDue).String()
	}
	return r
}

func newCmdRecordsList(f *Factory, export bool) *cobra.Command {
	var (
		out     outputFlags
		filters filterFlags
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List saved decisions, in the order they were saved (the last saved last)",
		Example: `  rightsaid records list
  rightsaid records list --light red --since 2026-11-01
  rightsaid records list --person P-0412 --format csv --out p0412.csv`,
		Args: noArgs,
	}
	formats := "text, yaml, json or csv"
	if export {
		cmd.Use = "export"
		cmd.Short = "Export saved decisions as one YAML stream or a JSON array"
		cmd.Long = "Export the full records (all, or those the filters select): as a YAML stream of schema-v1 documents (--format yaml, the default) or a JSON array (--format json)."
		cmd.Example = `  rightsaid records export --out all.yaml
  rightsaid records export --format json --since 2026-11-01 --out november.json`
		formats = "yaml or json"
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		_, now, reg, err := f.readRegister(&out)
		if err != nil {
			return err
		}
		defer reg.Close()
		keep, err := filters.selector(now, f.Location())
		if err != nil {
			return err
		}
		var (
			b      bytes.Buffer
			unread error // records left out of a list: exit 1 after it
		)
		if export {
			// An export is of whole records: read them all.
			var entries []register.Entry
			if entries, err = register.Entries(reg); err != nil {
				return err
			}
			entries = slices.DeleteFunc(entries, func(e register.Entry) bool {
				var o decision.Outcome
				if e.Record.Outcome != nil {
					o = *e.Record.Outcome
				}
				return !keep(register.Listed{Summary: register.SummaryOf(e.Record, o), SupersededBy: e.SupersededBy})
			})
			err = writeExport(&b, out.Format, entries)
		} else {
			// A list needs only summaries: far quicker on a large register.
			list, err := register.List(reg)
			if unread, err = splitUnreadable(err, "they are not listed"); err != nil {
				return err
			}
			err = writeList(&b, out.Format, slices.DeleteFunc(list, func(l register.Listed) bool { return !keep(l) }), f.Location())
			if err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		if err := out.write(f, b.Bytes()); err != nil {
			return err
		}
		return unread
	}
	out.register(cmd, formats)
	if export {
		out.Format = "yaml"
		cmd.Flags().Lookup("format").DefValue = "yaml"
	}
	filters.register(cmd)
	return cmd
}

func writeExport(b *bytes.Buffer, format string, entries []register.Entry) error {
	switch format {
	case "yaml":
		for i, e := range entries {
			if i > 0 {
				b.WriteString("---\n")
			}
			if err := decision.Encode(b, e.Record); err != nil {
				return err
			}
		}
		return nil
	case "json":
		b.WriteString("[")
		for i, e := range entries {
			if i > 0 {
				b.WriteString(",")
			}
			decision.WriteJSONNode(b, e.Record.Node())
		}
		b.WriteString("]")
		var out bytes.Buffer
		if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
			return err
		}
		b.Reset()
		b.Write(out.Bytes())
		b.WriteString("\n")
		return nil
	}
	return usageErrorf("--format %q: export writes yaml or json", format)
}

func writeList(b *bytes.Buffer, format string, list []register.Listed, loc *time.Location) error {
	rows := make([]summaryRow, len(list))
	for i, l := range list {
		rows[i] = rowOf(l)
	}
	switch format {
	case "yaml", "json":
		return render.WriteData(b, render.Format(format), rows) // an empty register is [], not null
	case "csv":
		w := csv.NewWriter(b)
		_ = w.Write([]string{"id", "recorded_at", "person", "setting", "kind", "light", "verdict", "review_due", "supersedes", "superseded_by", "status"})
		for _, r := range rows {
			_ = w.Write(render.CSVRow([]string{r.ID, r.RecordedAt, r.Person, r.Setting, r.Kind, r.Light, r.Verdict, r.ReviewDue, r.Supersedes, r.SupersededBy, r.Status}))
		}
		w.Flush()
		return w.Error()
	case "text":
		if len(rows) == 0 {
			b.WriteString("No records.\n")
			return nil
		}
		tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tRECORDED\tPERSON\tKIND\tLIGHT\tREVIEW DUE\tSTATUS")
		for i, r := range rows {
			l := list[i]
			due := "" // none once the chain has moved on or ended
			if l.Light != "" && l.Latest() && !l.Ended {
				due = l.ReviewDue.In(loc).Format("2 Jan 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, l.RecordedAt.In(loc).Format("2 Jan 2006 15:04"),
				render.Clean(r.Person), r.Kind, r.Light, due, r.Status)
		}
		return tw.Flush()
	}
	return usageErrorf("--format %q: use text, yaml, json or csv", format)
}

func newCmdRecordsShow(f *Factory) *cobra.Command {
	var out outputFlags
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one saved decision: its rationale, or the record itself",
		Example: "  rightsaid records show RA-20261123-140200-3f9a1c\n  rightsaid records show RA-20261123-140200-3f9a1c --format yaml",
		Args:    exactlyOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := render.ParseFormat(out.Format)
			if err != nil {
				return &UsageError{Err: err}
			}
			if _, err := out.now(f); err != nil {
				return err
			}
			c, rec, err := getRecord(f, args[0])
			if err != nil {
				return err
			}
			// The outcome shown is the one stored; say so when the answers
			// no longer give it (the record was edited, or the rules changed).
			if diff := compareOutcomes(*rec.Outcome, assess.Evaluate(c, rec, rec.RecordedAt.Time())); diff != "" {
				defer fmt.Fprintf(f.IO.ErrOut, "warning: %s: the outcome worked out again from its answers differs from the one stored (%s): the record may have been edited, or the rules have changed since it was saved; 'rightsaid records verify' checks for edits\n", rec.ID, diff)
			}
			var b bytes.Buffer
			switch format {
			case render.YAML:
				err = decision.Encode(&b, rec)
			case render.JSON:
				err = decision.EncodeJSON(&b, rec)
			default:
				err = render.Write(&b, format, c, rec, *rec.Outcome, f.Location())
			}
			if err != nil {
				return err
			}
			return out.write(f, b.Bytes())
		},
	}
	out.register(cmd, "text, markdown, yaml or json")
	return cmd
}

func exactlyOneID(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageErrorf("%s needs one record ID, such as those 'rightsaid records list' shows", strings.TrimPrefix(cmd.CommandPath(), "rightsaid "))
	}
	return nil
}

// getRecord reads one record; an unknown id is a usage error (exit 2).
func getRecord(f *Factory, id string) (*catalog.Catalog, *decision.Decision, error) {
	c, err := f.Catalog()
	if err != nil {
		return nil, nil, err
	}
	reg, err := f.Register(c)
	if err != nil {
		return nil, nil, err
	}
	defer reg.Close()
	rec, err := reg.Get(id)
	if errors.Is(err, register.ErrNotFound) {
		return nil, nil, &UsageError{Err: fmt.Errorf("%w in the register %s", err, f.registerName())}
	}
	if err != nil {
		return nil, nil, err
	}
	if rec.Outcome == nil {
		o := assess.Evaluate(c, rec, rec.RecordedAt.Time())
		rec.Outcome = &o
	}
	return c, rec, nil
}

func newCmdRecordsDue(f *Factory) *cobra.Command {
	var (
		out    outputFlags
		within string
		org    orgFlags
	)
	cmd := &cobra.Command{
		Use:   "due",
		Short: "The reviews that are due or overdue, soonest first",
		Long: `The latest record of each open chain whose review is due: at or before now,
or within --within from now. Exit status is 0 whether or not reviews are due.
Across an organisation, --setting and --unit narrow the list, and --by-unit
groups it by setting and unit (the ward, home or team recorded).`,
		Example: "  rightsaid records due\n  rightsaid records due --within 4h\n  rightsaid records due --by-unit --setting care-home",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var w catalog.Duration
			if within != "" {
				var err error
				if w, err = catalog.ParseTyped(within); err != nil {
					return usageErrorf("--within: %v", err)
				}
			}
			_, now, reg, err := f.readRegister(&out)
			if err != nil {
				return err
			}
			defer reg.Close()
			due, err := dueReviews(reg, now, time.Duration(w))
			unread, err := splitUnreadable(err, "their reviews may be due too")
			if err != nil {
				return err
			}
			due = org.filter(due)
			var b bytes.Buffer
			if err := writeDue(&b, out.Format, due, f.Location(), org.ByUnit); err != nil {
				return err
			}
			if err := out.write(f, b.Bytes()); err != nil {
				return err
			}
			return unread
		},
	}
	out.register(cmd, "text, yaml, json or csv")
	cmd.Flags().StringVar(&within, "within", "", "also list reviews due within `DURATION` from now (e.g. 4h, 1d, or 2 hours)")
	org.register(cmd)
	return cmd
}

// overdueWords says how overdue a review is: "2 hours overdue", "due in 30
// minutes".
func overdueWords(d time.Duration) string {
	switch {
	case d > -time.Minute && d < time.Minute:
		return "due now"
	case d >= 0:
		return catalog.Duration(d.Truncate(time.Minute)).Words() + " overdue"
	}
	return "due in " + catalog.Duration((-d).Truncate(time.Minute)).Words()
}

// dueRow is a review due, as data; Setting and Unit are filled when the
// reviews are grouped by unit.
type dueRow struct {
	Setting        string `json:"setting,omitempty"`
	Unit           string `json:"unit,omitempty"`
	ID             string `json:"id"`
	Person         string `json:"person"`
	Kind           string `json:"kind"`
	Light          string `json:"light"`
	ReviewDue      string `json:"review_due"`
	OverdueMinutes int    `json:"overdue_minutes"`
	ReviewBy       string `json:"review_by,omitempty"`
}

func rowOfDue(d register.Due) dueRow {
	return dueRow{ID: d.Record.ID, Person: d.Record.Person.Ref, Kind: string(d.Record.Restriction.Kind),
		Light: d.Record.Outcome.Light, ReviewDue: decision.NewTime(d.Due).String(), OverdueMinutes: int(d.Overdue / time.Minute), ReviewBy: d.Record.Review.By}
}

// writeDue writes the reviews due in the format asked, grouped by setting
// and unit when byUnit.
func writeDue(b *bytes.Buffer, format string, due []register.Due, loc *time.Location, byUnit bool) error {
	groups := []unitGroup{{Due: due}}
	if byUnit {
		groups = groupByUnit(due)
	}
	rows := []dueRow{}
	for _, g := range groups {
		for _, d := range g.Due {
			r := rowOfDue(d)
			r.Setting, r.Unit = g.Setting, g.Unit
			rows = append(rows, r)
		}
	}
	switch format {
	case "yaml", "json":
		return render.WriteData(b, render.Format(format), rows)
	case "csv":
		w := csv.NewWriter(b)
		header := []string{"id", "person", "kind", "light", "review_due", "overdue_minutes", "review_by"}
		if byUnit {
			header = append([]string{"setting", "unit"}, header...)
		}
		_ = w.Write(header)
		for _, r := range rows {
			cells := []string{r.ID, r.Person, r.Kind, r.Light, r.ReviewDue, fmt.Sprint(r.OverdueMinutes), r.ReviewBy}
			if byUnit {
				cells = append([]string{r.Setting, r.Unit}, cells...)
			}
			_ = w.Write(render.CSVRow(cells))
		}
		w.Flush()
		return w.Error()
	case "text":
		if len(rows) == 0 {
			b.WriteString("No reviews are due.\n")
			return nil
		}
		indent := ""
		for i, g := range groups {
			if byUnit {
				if i > 0 {
					b.WriteString("\n")
				}
				unit := render.Clean(g.Unit)
				if unit == "" {
					unit = "(no unit recorded)"
				}
				overdue := 0
				for _, d := range g.Due {
					if d.Overdue >= 0 {
						overdue++
					}
				}
				fmt.Fprintf(b, "%s, %s: %d due, %d overdue\n", unit, g.Setting, len(g.Due), overdue)
				indent = "  "
			}
			tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, indent+"ID\tPERSON\tKIND\tLIGHT\tREVIEW DUE\t\tREVIEWER")
			for _, d := range g.Due {
				fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\n", indent, d.Record.ID, render.Clean(d.Record.Person.Ref), d.Record.Restriction.Kind, d.Record.Outcome.Light,
					d.Due.In(loc).Format("Mon 2 Jan 15:04"), overdueWords(d.Overdue), render.Clean(d.Record.Review.By))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		return nil
	}
	return usageErrorf("--format %q: use text, yaml, json or csv", format)
}

func newCmdRecordsVerify(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Check that no record was edited, removed, added or reordered",
		Long: `Re-read every record and the chain log, and report by id every record that was
edited, removed, inserted or reordered since it was saved. Prints the head
digest: keep it somewhere else (an email, a paper log), because a chain alone
cannot show that its newest record was removed together with its log line.

Exit status: 0 if the register is intact, 1 if anything was found.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := f.Catalog()
			if err != nil {
				return err
			}
			reg, err := f.Register(c)
			if err != nil {
				return err
			}
			defer reg.Close()
			rep, err := reg.Verify()
			if err != nil {
				return err
			}
			w := f.IO.Out
			for _, p := range rep.Problems {
				fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(p.Kind), p.Msg)
			}
			fmt.Fprintf(w, "%s checked in %s\nhead digest: %s\n", render.Plural(rep.Records, "record", "records"), f.registerName(), rep.Head)
			if !rep.Clean() {
				fmt.Fprintln(w, "That head is of the register as it is now, with the problems above: do not keep it in place of the last good head you had.")
				return &TamperError{Count: len(rep.Problems)}
			}
			fmt.Fprintln(w, "The register is intact.")
			return nil
		},
	}
}

// TamperError is `records verify` finding tampering: exit 1.
type TamperError struct{ Count int }

func (e *TamperError) Error() string {
	if e.Count == 1 {
		return "the register has been tampered with: 1 problem found"
	}
	return fmt.Sprintf("the register has been tampered with: %d problems found", e.Count)
}
