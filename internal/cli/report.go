package cli

import (
	"bytes"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/render"
	reporting "github.com/rightsaid/rightsaid/internal/report" // cli has its own report: it prints errors
	"github.com/rightsaid/rightsaid/internal/theme"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// ReportOptions are the options of `rightsaid report`.
type ReportOptions struct {
	Factory *Factory
	Output  outputFlags
	Since   string
	Until   string
	Setting string
	Unit    string
	Kind    string
	Width   int
	// Files are exported YAML streams to report on instead of the register.
	Files []string
}

// NewCmdReport builds `rightsaid report`.
func NewCmdReport(f *Factory) *cobra.Command {
	opts := &ReportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "report [EXPORT.yaml...]",
		Short: "Counts and charts over the register: lights, kinds, rights, settings, reviews, over time",
		Long: `Show what the register says about a service: how many restrictions, of which
kinds, on whom, with which lights and verdicts, which rights they engaged,
month by month; whether reviews were made on time, late or not at all; which
restrictions have ended; the most frequent reasons; every blanket rule (for a
group or everyone); and the people restricted 3 or more times in 28 days.

The report covers the register (--records), or the YAML streams given as
arguments ('rightsaid records export' writes them; - reads stdin). --since
and --until choose the period by when records were made (--until is the
first day not included); --setting, --unit and --kind narrow it. The
report is as at --now (default: now): records made after it are left out,
and a review is missing when nothing reviews a record by --now and its
review was due.

What is counted: a restriction is a new decision with the records that
review or end it. Kinds, rights, settings and units count each restriction
once, by its latest record in the report; lights, verdicts, reasons, months
and reviews count every record, reviews included. Each chart says what its
shares are of (the units': the restrictions with a unit recorded), and a
bar's length is its share of the full width; the months' bars are drawn
against the busiest month.

Formats: text draws bar charts (colour on a terminal, plain text in a file,
a pipe or with NO_COLOR; --width 160 for a wide screen); markdown writes a
governance paper; yaml and json give the figures, one key a section; csv
gives one table a section, each row starting with its section's name and a
blank line between sections.`,
		Example: `  # The ward's picture for November, on screen
  rightsaid report --since 2026-11-01 --until 2026-12-01 --unit "Ward 7"

  # The monthly governance paper
  rightsaid report --since 2026-11-01 --until 2026-12-01 --format markdown --out november.md

  # The same figures for a spreadsheet or a dashboard
  rightsaid report --since 2026-01-01 --format csv --out 2026.csv
  rightsaid report --format json

  # Over an export instead of the register
  rightsaid records export --out all.yaml
  rightsaid report all.yaml --kind seclusion`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return reportRun(opts)
		},
	}
	opts.Output.register(cmd, "text, markdown, csv, yaml or json")
	cmd.Flags().StringVar(&opts.Since, "since", "", "only records made on or after `DATE` (2026-11-01 or an RFC 3339 time)")
	cmd.Flags().StringVar(&opts.Until, "until", "", "only records made before `DATE` (2026-12-01 or an RFC 3339 time)")
	cmd.Flags().StringVar(&opts.Setting, "setting", "", "only records made in this `SETTING`")
	cmd.Flags().StringVar(&opts.Unit, "unit", "", "only records made in this `UNIT` (the ward, home or team, as recorded)")
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "only records of this `KIND` of restriction")
	cmd.Flags().IntVar(&opts.Width, "width", 80, "draw the charts `COLUMNS` wide (80 for a standard terminal, 160 for a wide one)")
	return cmd
}

// reportFormats are the formats of `report`.
var reportFormats = []string{"text", "markdown", "csv", "yaml", "json"}

func reportRun(opts *ReportOptions) error {
	f := opts.Factory
	format := strings.ToLower(strings.TrimSpace(opts.Output.Format))
	if format == "md" {
		format = "markdown"
	}
	if !slices.Contains(reportFormats, format) {
		return usageErrorf("--format %q: use text, markdown, csv, yaml or json", opts.Output.Format)
	}
	if opts.Width < reporting.MinWidth || opts.Width > 400 {
		return usageErrorf("--width %d: give a number of columns from %d to 400 (80 or 160 suit most screens)", opts.Width, reporting.MinWidth)
	}
	c, err := f.Catalog()
	if err != nil {
		return err
	}
	now, err := opts.Output.now(f)
	if err != nil {
		return err
	}
	loc := f.Location()
	ro := reporting.Options{Now: now, Location: loc}
	if ro.Since, err = parseDateFlag("since", opts.Since, loc); err != nil {
		return err
	}
	if ro.Until, err = parseDateFlag("until", opts.Until, loc); err != nil {
		return err
	}
	if !ro.Since.IsZero() && !ro.Until.IsZero() && !ro.Since.Before(ro.Until) {
		return usageErrorf("--since %s is not before --until %s: the period is empty", opts.Since, opts.Until)
	}
	if ro.Setting, err = reportChoice(c, "setting", opts.Setting); err != nil {
		return err
	}
	if ro.Kind, err = reportChoice(c, "kind", opts.Kind); err != nil {
		return err
	}
	ro.Unit = strings.TrimSpace(opts.Unit)

	var recs []reporting.Record
	if len(opts.Files) > 0 {
		recs, err = readReportExports(f, c, opts.Files)
	} else {
		recs, err = readReportRegister(f, c)
	}
	if err != nil {
		return err
	}
	fig := reporting.Compute(c, recs, ro)

	var b bytes.Buffer
	switch format {
	case "text":
		layout := reporting.Layout{Width: opts.Width}
		color := f.IO.StdoutTTY && (opts.Output.Out == "" || opts.Output.Out == "-") && !f.Env.set("NO_COLOR")
		if !color {
			err = reporting.WriteText(&b, c, fig, layout)
			break
		}
		styles := theme.New(true)
		layout.Styles = &styles
		// Colour is chosen by the theme; what the terminal can show is
		// worked out from the environment (stdout is a terminal here).
		w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Env(f.reportEnviron())}
		err = reporting.WriteText(w, c, fig, layout)
	case "markdown":
		err = reporting.WriteMarkdown(&b, c, fig)
	case "csv":
		err = reporting.WriteCSV(&b, fig)
	default:
		err = reporting.WriteData(&b, render.Format(format), fig)
	}
	if err != nil {
		return err
	}
	return opts.Output.write(f, b.Bytes())
}

// reportChoice checks a --setting or --kind id against the catalog.
func reportChoice(c *catalog.Catalog, name, value string) (string, error) {
	id := strings.ToLower(strings.TrimSpace(value))
	if id == "" {
		return "", nil
	}
	var ids []string
	switch name {
	case "setting":
		if _, ok := c.Setting(id); ok {
			return id, nil
		}
		for _, s := range c.Settings {
			ids = append(ids, s.ID)
		}
	default:
		if _, ok := c.Kind(id); ok {
			return id, nil
		}
		for _, k := range c.Kinds {
			ids = append(ids, k.ID)
		}
	}
	return "", usageErrorf("--%s %q is not known: use one of %s", name, value, strings.Join(ids, ", "))
}

// readReportRegister reads the summary of every record of the register.
func readReportRegister(f *Factory, c *catalog.Catalog) ([]reporting.Record, error) {
	reg, err := f.Register(c)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	return register.Summaries(reg)
}

// maxExport is the largest export read: 4 GiB, about half a million records.
const maxExport = 4 << 30

// readReportExports reads exported YAML streams; every problem in every file is
// printed, and any is exit 2. (A record in two files counts once: Compute
// sees to that.)
func readReportExports(f *Factory, c *catalog.Catalog, files []string) ([]reporting.Record, error) {
	var (
		recs    []reporting.Record
		invalid int
	)
	for _, name := range files {
		data, shown, err := readInput(f, name, maxExport)
		if err != nil {
			return nil, err
		}
		if len(data) > maxExport {
			return nil, usageErrorf("%s is larger than 4 GiB: report on the register, or export a shorter period", shown)
		}
		got, err := reporting.ReadStream(c, shown, data)
		if es, ok := yamlnode.AsErrors(err); ok {
			printProblems(f.IO.ErrOut, es)
			invalid++
			continue
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, got...)
	}
	if invalid > 0 {
		return nil, &InvalidError{Count: invalid}
	}
	return recs, nil
}

// reportEnviron is the environment colour detection reads, from the Factory's
// Env (tests pass a map).
func (f *Factory) reportEnviron() []string {
	var out []string
	for _, name := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM_PROGRAM", "TMUX", "WT_SESSION", "ConEmuANSI", "ANSICON"} {
		if v := f.Env(name); v != "" {
			out = append(out, name+"="+v)
		}
	}
	return out
}
