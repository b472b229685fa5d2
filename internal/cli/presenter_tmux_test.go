package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// presenterPane starts a command line of the rightsaid binary bin in a tmux
// pane of the given size, on a tmux server of its own named name, with its
// files in dir (the test's: a subtest's own folder has a name too long for a
// socket); the pane says how rightsaid exited and stays open.
func presenterPane(t *testing.T, dir, name, bin string, width, height int, args string) *trainPane {
	t.Helper()
	tmux := trainNeedTmux(t)
	script := filepath.Join(dir, name+".sh")
	err := os.WriteFile(script, []byte(fmt.Sprintf(`unset NO_COLOR RIGHTSAID_NO_PROMPT ACCESSIBLE COLUMNS LINES
export HOME=%[1]q XDG_DATA_HOME=%[1]q TZ=Europe/London
%[2]q %[3]s
echo "rightsaid exited $?"
sleep 600
`, dir, bin, args)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	p := &trainPane{t: t, tmux: tmux, socket: filepath.Join(dir, name+".sock")}
	p.run("-f", "/dev/null", "new-session", "-d", "-s", "train", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "sh", script)
	t.Cleanup(func() { p.run("kill-server") })
	return p
}

// TestTrainPresenterTmux: in a real terminal, the presenter card is as wide as
// the terminal and shown a screen at a time where it does not fit; the keys
// act as they are pressed, with no Enter after them.
func TestTrainPresenterTmux(t *testing.T) {
	trainNeedTmux(t)
	dir := t.TempDir()
	bin := trainBuild(t, dir)

	t.Run("rights at 80x24: a screen at a time, space for the next, q to quit", func(t *testing.T) {
		p := presenterPane(t, dir, "a", bin, 80, 24, "rights --presenter")
		s := p.waitFor(`^Space or Enter for more, q to quit \(23 of \d+ lines\)$`)
		if !strings.HasPrefix(s, "THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998\n") {
			t.Errorf("the first screen does not start with the card's title:\n%s", s)
		}
		p.keys("Space")
		s = p.waitFor(`^Space or Enter for more, q to quit \(46 of \d+ lines\)$`)
		if strings.Contains(s, "(23 of") {
			t.Errorf("the prompt of the first screen was left on the second:\n%s", s)
		}
		p.keys("q")
		p.waitFor(`^rightsaid exited 0$`)
		if h := p.history(); strings.Contains(h, "ARTICLE 14   Prohibition of discrimination") {
			t.Errorf("the card went on after q:\n%s", h)
		}
	})

	t.Run("rights at 200x50: two columns, on one screen", func(t *testing.T) {
		p := presenterPane(t, dir, "b", bin, 200, 50, "rights --presenter")
		s := p.waitFor(`^rightsaid exited 0$`)
		if !regexp.MustCompile(`(?m)^ABSOLUTE RIGHTS {4,}QUALIFIED RIGHTS *$`).MatchString(s) {
			t.Errorf("the card is not in two columns:\n%s", s)
		}
		for _, want := range []string{"THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998", "ARTICLE 14   Prohibition of discrimination"} {
			if !strings.Contains(s, want) {
				t.Errorf("the screen lacks %q: the card does not fit:\n%s", want, s)
			}
		}
		if strings.Contains(s, "Space or Enter for more") {
			t.Errorf("paged, though the card fits:\n%s", s)
		}
	})

	t.Run("reveal: q alone stops", func(t *testing.T) {
		p := presenterPane(t, dir, "c", bin, 80, 24, "train s01 --reveal")
		p.waitFor(`^\[1 of 10\] Press Enter or space to reveal the next step, q to stop\.$`)
		p.keys("q")
		p.waitFor(`^rightsaid exited 0$`)
		if h := p.history(); strings.Contains(h, "Model answer:") {
			t.Errorf("q did not stop before the first step:\n%s", h)
		}
	})

	t.Run("reveal: a step longer than the screen, a screen at a time", func(t *testing.T) {
		p := presenterPane(t, dir, "d", bin, 80, 24, "train s01 --reveal")
		p.waitFor(`^\[1 of 10\] Press Enter or space to reveal the next step, q to stop\.$`)
		p.keys("Space")
		s := p.waitFor(`^Space or Enter for more, q to quit \(23 of \d+ lines\)$`)
		if !strings.Contains(s, "Model answer: Who and where") {
			t.Errorf("the step does not start on the screen:\n%s", s)
		}
		p.keys("Space")
		p.waitFor(`^\[2 of 10\] Press Enter or space to reveal the next step, q to stop\.$`)
		p.keys("q")
		p.waitFor(`^rightsaid exited 0$`)
		if h := p.history(); strings.Contains(h, "Model answer: The restriction") {
			t.Errorf("q did not stop after the first step:\n%s", h)
		}
	})

	t.Run("a story in the presenter look: a screen at a time, from its title", func(t *testing.T) {
		p := presenterPane(t, dir, "e", bin, 80, 24, "train s01 --presenter")
		s := p.waitFor(`^Space or Enter for more, q to quit \(23 of \d+ lines\)$`)
		if !strings.HasPrefix(s, "rightsaid workshop\n") {
			t.Errorf("the story's first screen does not start at its title:\n%s", s)
		}
		p.keys("Enter")
		s = p.waitFor(`^Press Enter when the group is ready to start\.$`)
		if !strings.Contains(s, "The group's") {
			t.Errorf("the story's end is not on the last screen:\n%s", s)
		}
	})
}
