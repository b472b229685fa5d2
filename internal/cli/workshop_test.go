package cli_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/cli"
)

// TestTrainListPages: the scenario library is longer than an 80x24 screen;
// on a terminal it is shown a screen at a time, as the other workshop
// screens are, and q stops it. In a file or a pipe it is written at once.
func TestTrainListPages(t *testing.T) {
	const last = "Run one: rightsaid train SCENARIO"
	t.Run("a terminal, q on the first screen", func(t *testing.T) {
		code, stdout, stderr := run(t, terminal("q"), screenEnv(80, 24), "train")
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		first, _, _ := strings.Cut(stdout, "\r"+ansi.EraseEntireLine)
		lines := strings.Split(first, "\n")
		if len(lines) > 24 || !strings.HasPrefix(first, "Training scenarios\n") || !strings.Contains(lines[len(lines)-1], morePrompt) {
			t.Errorf("the first screen is not the list's start with the prompt under it (%d lines):\n%s", len(lines), first)
		}
		if strings.Contains(stdout, last) {
			t.Errorf("the list went on after q:\n%s", stdout)
		}
	})
	t.Run("a terminal, space to the end", func(t *testing.T) {
		_, stdout, _ := run(t, terminal("      "), screenEnv(80, 24), "train")
		if !strings.Contains(stdout, last) || strings.Count(stdout, morePrompt) < 2 {
			t.Errorf("not shown to its end a screen at a time:\n%s", stdout)
		}
	})
	t.Run("a pipe", func(t *testing.T) {
		_, stdout, _ := run(t, &cli.IOStreams{StdinTTY: true, StderrTTY: true}, screenEnv(80, 24), "train")
		if !strings.Contains(stdout, last) || strings.Contains(stdout, morePrompt) {
			t.Errorf("not written at once:\n%s", stdout)
		}
	})
}

// TestQuizDefaultSeed: without --seed, the quiz names a short seed, one a
// trainer can read out to a room, and that seed gives the same quiz again.
func TestQuizDefaultSeed(t *testing.T) {
	answers := strings.Repeat("1\n", 3)
	_, _, first := run(t, &cli.IOStreams{In: strings.NewReader(answers)}, screenEnv(80, 24), "quiz", "--accessible", "--rounds", "3")
	m := regexp.MustCompile(`(?m)^To repeat it: rightsaid quiz --seed ([0-9]+) --rounds 3$`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("the quiz does not say how to repeat it:\n%s", first)
	}
	seed, err := strconv.Atoi(m[1])
	if err != nil || seed < 1 || seed > 9999 {
		t.Errorf("the seed is %s: want a number from 1 to 9999", m[1])
	}
	_, _, again := run(t, &cli.IOStreams{In: strings.NewReader(answers)}, screenEnv(80, 24), "quiz", "--accessible", "--rounds", "3", "--seed", m[1])
	if again != first {
		t.Errorf("--seed %s gives another quiz:\n%s\nwant:\n%s", m[1], again, first)
	}
}
