package cli

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// readmeCommands returns the commands of the README's fenced block that
// follows the readme-commands marker: the two a newcomer runs.
func readmeCommands(t *testing.T, readme string) []string {
	t.Helper()
	f, err := os.Open(readme)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cmds []string
	state := 0 // 0 before the marker, 1 before the fence, 2 inside it
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case state == 0 && strings.HasPrefix(line, "<!-- readme-commands"):
			state = 1
		case state == 1 && strings.HasPrefix(line, "```"):
			state = 2
		case state == 2 && strings.HasPrefix(line, "```"):
			return cmds
		case state == 2 && line != "":
			cmds = append(cmds, line)
		}
	}
	t.Fatalf("%s: no fenced block after a <!-- readme-commands --> marker", readme)
	return nil
}

// TestReadmeCommands runs the README's two commands, exactly as written, from
// the repository's root: one decides from the example file, one runs every
// test (in a child run that skips this test, so it does not recurse).
func TestReadmeCommands(t *testing.T) {
	if os.Getenv("RIGHTSAID_README_CHILD") != "" {
		t.Skip("inside the README's own go test ./...")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, filepath.Join(root, "README.md"))
	if len(cmds) != 2 || !strings.HasPrefix(cmds[0], "go run ./cmd/rightsaid ") || cmds[1] != "go test ./..." {
		t.Fatalf("the README's commands are %q: want one 'go run ./cmd/rightsaid ...' and 'go test ./...'", cmds)
	}
	script := "# The README's two commands, run from the repository's root.\n" +
		"cd $REPO\n" +
		"exec " + cmds[0] + "\n" +
		"stdout 'HUMAN RIGHTS DECISION RECORD'\n" +
		"stdout 'not legal\\s+advice'\n" +
		"! stderr .\n"
	if testing.Short() {
		script += "skip 'go test ./... is not run again under -short'\n"
	}
	script += "env RIGHTSAID_README_CHILD=1\n" +
		"exec " + cmds[1] + "\n"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: dir,
		Setup: func(e *testscript.Env) error {
			e.Setenv("REPO", root)
			for _, name := range []string{"PATH", "GOCACHE", "GOPATH", "GOMODCACHE", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN", "TMPDIR", "CI", "RIGHTSAID_TEST_POSTGRES"} {
				if v, ok := os.LookupEnv(name); ok {
					e.Setenv(name, v)
				}
			}
			for _, name := range []string{"GOCACHE", "GOPATH", "GOMODCACHE"} {
				if e.Getenv(name) == "" {
					out, err := exec.Command("go", "env", name).Output()
					if err == nil {
						e.Setenv(name, strings.TrimSpace(string(out)))
					}
				}
			}
			e.Setenv("TZ", "Europe/London")
			return nil
		},
	})
}
