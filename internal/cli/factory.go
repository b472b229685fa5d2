package cli

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/atomicfile"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/catalog/builtin"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// Factory carries what every command needs: the streams, the environment,
// the clock, and the global flags; it loads the catalog once.
type Factory struct {
	IO  *IOStreams
	Env Env
	Now func() time.Time

	ChecklistsDir string
	RecordsDir    string

	started bool // a command's run function began
	catalog *catalog.Catalog
}

// Catalog loads the embedded checklists, or the local folder given by
// --checklists after checking it keeps the contract.
func (f *Factory) Catalog() (*catalog.Catalog, error) {
	if f.catalog != nil {
		return f.catalog, nil
	}
	// The built-in checklists are compiled in, parsed and validated when
	// they were last changed (a test keeps them in step with the YAML).
	embedded := builtin.Catalog()
	c := embedded
	if dir := f.ChecklistsDir; dir != "" {
		info, err := os.Stat(dir)
		if err != nil || !info.IsDir() {
			return nil, usageErrorf("--checklists %s: not a folder", dir)
		}
		local, err := catalog.Load(os.DirFS(dir), dir)
		if err == nil {
			err = local.CheckAgainst(embedded, dir)
		}
		if es, ok := yamlnode.AsErrors(err); ok {
			printProblems(f.IO.ErrOut, es)
			return nil, &InvalidError{Count: 1}
		}
		if err != nil {
			return nil, err
		}
		c = local
	}
	f.catalog = c
	return c, nil
}

// Location is where times a person reads are shown: TZ, or Europe/London.
func (f *Factory) Location() *time.Location {
	name := f.Env("TZ")
	if name == "" {
		name = london
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	if name == london {
		// A machine without the time zone database (a slim container):
		// the zone rightsaid is for is built in.
		if loc, err := time.LoadLocationFromTZData(london, londonTZData); err == nil {
			return loc
		}
	}
	return time.UTC
}

// london is the zone times are shown in unless TZ says otherwise. Its rules
// (the IANA tz database's Europe/London, public domain) are built in,
// rather than the whole database (time/tzdata, 450 KB).
const london = "Europe/London"

//go:embed europe-london.tzif
var londonTZData []byte

// printProblems prints each problem of an input file on its own line.
func printProblems(w io.Writer, es yamlnode.Errors) {
	es.Sort()
	for _, e := range es {
		fmt.Fprintln(w, e.Error())
	}
}

// outputFlags are the flags of every command that prints a decision,
// records, figures or reference data.
type outputFlags struct {
	Format string
	Out    string
	Now    string
}

func (o *outputFlags) register(cmd *cobra.Command, formats string) {
	cmd.Flags().StringVar(&o.Format, "format", "text", "output format: "+formats)
	cmd.Flags().StringVar(&o.Out, "out", "", "write to `FILE` (atomically) instead of stdout")
	cmd.Flags().StringVar(&o.Now, "now", "", "fix the clock at an RFC 3339 `TIME`, for tests and replay")
}

// now is the clock: --now, or the real time.
func (o *outputFlags) now(f *Factory) (time.Time, error) {
	if o.Now == "" {
		return f.Now().UTC().Truncate(time.Second), nil
	}
	t, err := parseTimeFlag(o.Now)
	if err != nil {
		return time.Time{}, usageErrorf("--now: %v", err)
	}
	return t, nil
}

// write writes the output to --out (atomically, 0600: it may hold personal
// information) or stdout.
func (o *outputFlags) write(f *Factory, data []byte) error {
	return writeOutput(f, o.Out, data)
}

func writeOutput(f *Factory, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := f.IO.Out.Write(data)
		return err
	}
	if err := atomicfile.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the path from an *os.PathError the message already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readInput reads a file, or stdin for "-", up to limit bytes (one more is
// read, so a larger input can be told apart).
func readInput(f *Factory, name string, limit int64) ([]byte, string, error) {
	if name == "-" {
		data, err := io.ReadAll(io.LimitReader(f.IO.In, limit+1))
		return data, "<stdin>", err
	}
	file, err := os.Open(name)
	if err != nil {
		return nil, name, fmt.Errorf("read %s: %w", name, unwrapPath(err))
	}
	defer file.Close()
	if info, err := file.Stat(); err == nil && info.IsDir() {
		return nil, name, usageErrorf("%s is a folder: give a decision file", name)
	}
	data, err := io.ReadAll(io.LimitReader(file, limit+1))
	if err != nil {
		return nil, name, fmt.Errorf("read %s: %w", name, unwrapPath(err))
	}
	return data, filepath.ToSlash(name), nil
}

// parseTimeFlag reads an RFC 3339 time given on the command line.
func parseTimeFlag(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time, such as 2026-11-23T14:00:00Z", s)
	}
	return t.UTC().Truncate(time.Second), nil
}
