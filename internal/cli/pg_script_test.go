package cli_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/rightsaid/rightsaid/internal/register/pg/pgtest"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestPostgresScripts runs testdata/pgscript/*.txtar: the commands against
// an organisation-wide register on the PostgreSQL server named by
// RIGHTSAID_TEST_POSTGRES. Each script gets a schema of its own, as $PG,
// dropped when it ends. Without the server the scripts are skipped (in CI,
// they fail). They live apart from testdata/script, whose scripts run with
// no server.
func TestPostgresScripts(t *testing.T) {
	base := pgtest.URL(t)
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "pgscript"),
		Setup: func(env *testscript.Env) error {
			if err := setupScript(env); err != nil {
				return err
			}
			url, drop, err := pgtest.NewSchema(base)
			if err != nil {
				return err
			}
			env.Setenv("PG", url)
			env.Defer(func() {
				if err := drop(); err != nil {
					env.T().Log("drop the script's schema:", err)
				}
			})
			return nil
		},
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits, "replace": cmdReplace, "lsdir": cmdLsdir, "capture": cmdCapture},
		Condition:           condition,
		UpdateScripts:       *update,
		RequireExplicitExec: false,
		RequireUniqueNames:  true,
	})
}

// cmdCapture sets a variable from the last command's output, so a script
// can use an id rightsaid chose:
//
//	capture NAME REGEXP
//
// NAME is set to the regexp's first group (multi-line: ^ and $ match at line
// breaks) in stdout.
func cmdCapture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: capture NAME REGEXP")
	}
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	m := re.FindStringSubmatch(ts.ReadFile("stdout"))
	if len(m) < 2 {
		ts.Fatalf("capture: %q (with a group) not found in stdout", args[1])
	}
	ts.Setenv(args[0], m[1])
}
