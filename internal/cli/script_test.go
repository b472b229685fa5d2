package cli_test

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // as cmd/rightsaid: Europe/London on any machine

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/cli"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected files inside the scripts")

// TestMain makes the test binary double as rightsaid, so scripts can
// `exec rightsaid ...` without building it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rightsaid": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs testdata/script/*.txtar: rightsaid's behaviour at the
// command line, written as examples.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		Setup:               setupScript,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits, "replace": cmdReplace, "lsdir": cmdLsdir},
		Condition:           condition,
		UpdateScripts:       *update,
		RequireExplicitExec: false,
		RequireUniqueNames:  true,
	})
}

// setupScript gives every script the same environment: a pinned zone, no
// colour, prompting not ruled out by the environment (the scripts have no
// terminal, which must be enough), a home and data folder of its own, the
// examples in $WORK/examples and a copy of the built-in checklists in
// $WORK/checklists.
func setupScript(env *testscript.Env) error {
	env.Vars = slices.DeleteFunc(env.Vars, func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains([]string{"RIGHTSAID_NO_PROMPT", "ACCESSIBLE", "TERM", "RIGHTSAID_RECORDS", "NO_COLOR", "TZ", "HOME", "XDG_DATA_HOME"}, name)
	})
	env.Setenv("TZ", "Europe/London")
	env.Setenv("NO_COLOR", "1")
	env.Setenv("HOME", env.WorkDir)
	env.Setenv("XDG_DATA_HOME", env.WorkDir)

	examples, err := filepath.Glob(filepath.Join("testdata", "examples", "*.yaml"))
	if err != nil {
		return err
	}
	if len(examples) == 0 {
		return errors.New("no examples in testdata/examples")
	}
	if err := os.MkdirAll(filepath.Join(env.WorkDir, "examples"), 0o755); err != nil {
		return err
	}
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(env.WorkDir, "examples", filepath.Base(name)), data, 0o644); err != nil {
			return err
		}
	}
	return copyChecklists(filepath.Join(env.WorkDir, "checklists"))
}

// copyChecklists writes the embedded checklists into dir, as a trust would
// start its own folder.
func copyChecklists(dir string) error {
	names, err := fs.Glob(checklists.FS, "*.yaml")
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return errors.New("no embedded checklists")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(checklists.FS, name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// cmdExits runs a program and checks its exact exit code:
//
//	exits CODE PROGRAM [ARGS...]
//
// stdout and stderr are kept for the commands that follow, as with exec.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits (give the code expected)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdReplace edits a file in place, failing if the pattern is not found:
//
//	replace FILE REGEXP REPLACEMENT
//
// The regexp is multi-line (^ and $ match at line breaks); the replacement
// may use ${1}, and \n in it stands for a line break.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE REGEXP REPLACEMENT")
	}
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !re.Match(data) {
		ts.Fatalf("replace: %q not found in %s", args[1], args[0])
	}
	repl := strings.ReplaceAll(args[2], `\n`, "\n")
	ts.Check(os.WriteFile(path, re.ReplaceAll(data, []byte(repl)), 0o644))
}

// cmdLsdir checks that a folder holds exactly the files named, so a write
// that leaves a temporary file behind is caught:
//
//	lsdir DIR [NAME...]
func cmdLsdir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: lsdir DIR [NAME...]")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := slices.Clone(args[1:])
	slices.Sort(want)
	if !slices.Equal(got, want) {
		ts.Fatalf("%s holds %q, want %q", args[0], got, want)
	}
}

// condition adds [readback]: a record rightsaid writes can be read back as
// answers (DESIGN.md section 3). Scripts that need it skip, as a known bug,
// while it is false.
func condition(cond string) (bool, error) {
	switch cond {
	case "readback":
		readbackOnce.Do(func() { readbackOK, readbackErr = recordsReadBack() })
		return readbackOK, readbackErr
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

var (
	readbackOnce sync.Once
	readbackOK   bool
	readbackErr  error
)

func recordsReadBack() (bool, error) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		return false, err
	}
	data, err := os.ReadFile(filepath.Join("testdata", "examples", "seclusion.yaml"))
	if err != nil {
		return false, err
	}
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	d, err := decision.Decode(c, "seclusion.yaml", data, decision.Options{Now: now})
	if err != nil {
		return false, err
	}
	rec := render.Record(c, d, assess.Evaluate(c, d, now), time.UTC)
	_, err = decision.Decode(c, "record.yaml", decision.Canonical(rec), decision.Options{Now: now})
	return err == nil, nil
}
