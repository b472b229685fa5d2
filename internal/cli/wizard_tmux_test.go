package cli_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The full-screen wizard as a nurse meets it: the real binary in a real
// terminal (a tmux pane of 80x24), driven with send-keys, the screen read
// back with capture-pane. Each key is sent only once the screen shows the
// question it answers, so the tests wait for the program, never guess how
// long it takes.

const (
	wtWait = 15 * time.Second      // for one screen to appear
	wtPoll = 40 * time.Millisecond // between two captures
)

// wtNeedTmux skips the test when tmux is missing, except in CI, where it
// must be there (.ci/run installs it).
func wtNeedTmux(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("terminal tests do not run on Windows")
	}
	path, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed, and CI=true: .ci/run should have installed it")
		}
		t.Skip("tmux is not installed: the terminal tests of the wizard are skipped (install tmux, or set CI=true to make this a failure)")
	}
	return path
}

// wtBuild builds the binary into dir.
func wtBuild(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build rightsaid with: %v", err)
	}
	bin := filepath.Join(dir, "rightsaid")
	cmd := exec.Command(goBin, "build", "-o", bin, "github.com/rightsaid/rightsaid/cmd/rightsaid")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var wtServers atomic.Int64

// wtPane is a shell command running in a tmux pane of its own tmux server.
type wtPane struct {
	t      *testing.T
	tmux   string
	socket string
	// screens is every distinct screen captured, in order.
	screens []string
}

// wtStartPane starts command (run by sh in dir) in a new tmux server with a
// w x h window.
func wtStartPane(t *testing.T, tmux, dir string, w, h int, command string) *wtPane {
	t.Helper()
	p := &wtPane{t: t, tmux: tmux, socket: fmt.Sprintf("rightsaid-test-%d-%d", os.Getpid(), wtServers.Add(1))}
	p.run("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-c", dir, "sh", "-c", command)
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", p.socket, "kill-server").Run() })
	return p
}

// run runs a tmux command against the pane's server.
func (p *wtPane) run(args ...string) string {
	p.t.Helper()
	cmd := exec.Command(p.tmux, append([]string{"-L", p.socket}, args...)...)
	// A test run inside tmux must not talk to that tmux.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "TMUX=") })
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// capture returns the screen as text.
func (p *wtPane) capture() string {
	p.t.Helper()
	s := p.run("capture-pane", "-p", "-t", "main")
	if len(p.screens) == 0 || p.screens[len(p.screens)-1] != s {
		p.screens = append(p.screens, s)
	}
	return s
}

// waitFor waits until the screen holds every one of texts (a title that
// wraps is found whole: see wtSquash), and returns it.
func (p *wtPane) waitFor(texts ...string) string {
	p.t.Helper()
	deadline := time.Now().Add(wtWait)
	for {
		s := p.capture()
		flat := wtSquash(s)
		if !slices.ContainsFunc(texts, func(x string) bool { return !strings.Contains(flat, wtSquash(x)) }) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("after %s the screen does not show %q:\n%s", wtWait, texts, s)
		}
		time.Sleep(wtPoll)
	}
}

// waitFocused waits until the question is on the screen and has the focus
// (the form draws a bar beside the focused question only): a list and its
// "Other" field share a screen, and keys sent before the focus moves would
// land on the list.
func (p *wtPane) waitFocused(question string) string {
	p.t.Helper()
	head := []rune(question)
	head = head[:min(len(head), 20)]
	deadline := time.Now().Add(wtWait)
	for {
		s := p.capture()
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "┃ "+string(head)) {
				return p.waitFor(question)
			}
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("after %s the question %q does not have the focus:\n%s", wtWait, question, s)
		}
		time.Sleep(wtPoll)
	}
}

// keys sends tmux key names (Enter, Down, Space, C-c, ...).
func (p *wtPane) keys(keys ...string) {
	p.t.Helper()
	p.run(append([]string{"send-keys", "-t", "main"}, keys...)...)
}

// typeText types s literally and waits until it shows.
func (p *wtPane) typeText(s string) {
	p.t.Helper()
	p.run("send-keys", "-t", "main", "-l", s)
	p.waitFor(s)
}

// answer waits for a question, then sends the keys that answer it.
func (p *wtPane) answer(question string, keys ...string) {
	p.t.Helper()
	p.waitFocused(question)
	p.keys(keys...)
}

// text waits for a question, types the answer and presses Enter.
func (p *wtPane) text(question, answer string) {
	p.t.Helper()
	p.waitFocused(question)
	p.typeText(answer)
	p.keys("Enter")
}

// pick waits for a question, moves the cursor n options down, checks it
// is on the option meant, and presses Enter.
func (p *wtPane) pick(question string, n int, option string) {
	p.t.Helper()
	p.waitFocused(question)
	for range n {
		p.keys("Down")
	}
	p.waitFor("> " + option)
	p.keys("Enter")
}

// transcript is every screen seen so far.
func (p *wtPane) transcript() string { return strings.Join(p.screens, "\n") }

// wtSquash joins a screen's words into one line, without the form's
// border, so a title wrapped over two lines is found whole.
func wtSquash(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "┃", " ")), " ")
}

// wtWaitExit waits for the file the pane's command writes its exit code to.
func wtWaitExit(t *testing.T, p *wtPane, file string) int {
	t.Helper()
	deadline := time.Now().Add(wtWait)
	for {
		data, err := os.ReadFile(file)
		if err == nil && strings.HasSuffix(string(data), "\n") {
			var code int
			if _, err := fmt.Sscanf(string(data), "EXIT=%d", &code); err != nil {
				t.Fatalf("%s: %q", file, data)
			}
			return code
		}
		if time.Now().After(deadline) {
			t.Fatalf("the command did not end within %s:\n%s", wtWait, p.capture())
		}
		time.Sleep(wtPoll)
	}
}

// wtEnv is the environment of rightsaid in the pane: a data folder of
// the test's own, a pinned zone; TERM is tmux's own.
func wtEnv(data string) string {
	return fmt.Sprintf("env -u NO_COLOR -u ACCESSIBLE -u RIGHTSAID_NO_PROMPT -u RIGHTSAID_RECORDS XDG_DATA_HOME=%s HOME=%s TZ=Europe/London", wtQuote(data), wtQuote(data))
}

func wtQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// wtCommand is the pane's command: rightsaid with args, its exit code
// written to exitFile; the shell then waits, so the screen can still be read.
func wtCommand(bin, data, exitFile string, args ...string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = wtQuote(a)
	}
	return fmt.Sprintf("%s %s %s; echo EXIT=$? > %s; sleep 600", wtEnv(data), wtQuote(bin), strings.Join(q, " "), wtQuote(exitFile))
}

// wtStepTitles are the progress lines of the ten steps.
var wtStepTitles = []string{
	"Step 1 of 10 · Who and where",
	"Step 2 of 10 · The restriction",
	"Step 3 of 10 · Rights engaged",
	"Step 4 of 10 · Red-line screen",
	"Step 5 of 10 · Lawful",
	"Step 6 of 10 · Justified",
	"Step 7 of 10 · Proportionate",
	"Step 8 of 10 · Least restrictive",
	"Step 9 of 10 · Views and review",
	"Step 10 of 10 · Summary",
}

// wtAnswerSteps1to5 answers a seclusion on a mental health ward, steps 1 to
// 5, as a nurse would at the keyboard.
func wtAnswerSteps1to5(p *wtPane) {
	p.t.Helper()
	p.waitFor(wtStepTitles[0])
	p.text("Your role", "Nurse in charge")
	p.text("Your name (optional)", "Sam Okafor")
	p.pick("Setting *", 1, "Mental health in-patient ward")
	p.text("Ward, home or team (optional)", "Ward 7")
	p.pick("Nation *", 1, "England")
	p.text("Person's reference *", "P-0412")
	p.pick("Age *", 1, "Adult (18 or over)")
	p.pick("Capacity for this decision *", 1, "Has capacity for this decision")
	p.pick("Does the person, or their representative, object? *", 2, "No")

	p.waitFor(wtStepTitles[1])
	p.pick("Kind of restriction *", 7, "Seclusion")
	p.waitFocused("What is the restriction? *")
	p.typeText("Secluded in the low-stimulus room.")
	p.keys("C-j")
	p.typeText("Observed through the window throughout.")
	p.keys("Enter")
	p.text("Why? What harm does it prevent? *", "Punched a peer twice in an hour.")
	p.pick("Stage *", 1, "Proposed")
	p.pick("Who does it apply to? *", 1, "This person only")
	p.pick("Is it an immediate response", 1, "Yes")
	p.pick("Is it ongoing or repeated? *", 2, "No")
	p.text("How long, until it ends or is reviewed?", "2h")

	// The kind's rights are ticked; the cursor is on the first of them.
	p.waitFor(wtStepTitles[2], "Rights it engages", "> [•] Article 2: Right to life", "[•] Article 8")
	p.keys("Enter")
	p.answer("Rights it protects", "Space")
	p.waitFor("> [•] Article 2: Right to life")
	p.keys("Enter")

	p.waitFor(wtStepTitles[3])
	for _, q := range []string{"Degrading or inhuman treatment *", "Risk to life *", "Discrimination *", "Punishment or convenience *", "Deprivation of liberty *"} {
		p.pick(q, 2, "No")
	}

	p.waitFor(wtStepTitles[4])
	p.pick("Lawful: Which law lets us do this", 1, "Yes")
	p.answer("Legal basis", "Space")
	p.waitFor("> [•] Mental Health Act 1983: detention under Part 2 or 3")
	p.keys("Enter")
	p.answer("Other (separate several with ;)", "Enter")
	p.text("Legal basis and authorisation", "Detained under s3.")
}

// wtAnswerSteps7to9 answers from the proportionate step to the review.
func wtAnswerSteps7to9(p *wtPane) {
	p.t.Helper()
	p.waitFor(wtStepTitles[6])
	p.pick("Proportionate: Will doing this cause less harm", 1, "Yes")
	p.answer("The balance of harms", "Enter")

	p.waitFor(wtStepTitles[7])
	p.pick("Least restrictive: Is this the smallest", 1, "Yes")
	p.answer("Less restrictive options tried or considered", "Space", "Down", "Down", "Space")
	p.waitFor("[•] de-escalation and talk-down", "> [•] PRN medication offered")
	p.keys("Enter")
	p.text("Other (separate several with ;)", "moved to a quiet lounge first")
	p.answer("Alternatives tried or rejected", "Enter")

	p.waitFor(wtStepTitles[8])
	p.text("The person's views, in their words", "Says the ward is too loud.")
	p.answer("Others' views", "Enter")
	p.text("When will it be reviewed?", "2h")
	p.text("Who will review it?", "Nurse in charge")
}

// wtCheckRecord checks the record rightsaid wrote: valid by 'rightsaid
// check', with the outcome and the answers expected.
func wtCheckRecord(t *testing.T, bin, file string, want ...string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the record: %v", err)
	}
	rec := string(data)
	for _, w := range want {
		if !strings.Contains(rec, w) {
			t.Errorf("the record does not hold %q:\n%s", w, rec)
		}
	}
	out, err := exec.Command(bin, "check", file).CombinedOutput()
	if err != nil {
		t.Errorf("rightsaid check %s: %v\n%s", file, err, out)
	} else if !strings.Contains(string(out), "valid; amber") {
		t.Errorf("rightsaid check: %s, want valid and amber", out)
	}
	return rec
}

// TestTmuxWizard drives the full-screen wizard in a tmux pane.
func TestTmuxWizard(t *testing.T) {
	tmux := wtNeedTmux(t)
	if testing.Short() {
		t.Skip("the tmux tests take a while: skipped with -short")
	}
	bin := wtBuild(t, t.TempDir())

	// The way in the README gives first: rightsaid alone, in a terminal.
	t.Run("bare rightsaid starts the wizard", func(t *testing.T) {
		dir := t.TempDir()
		exitFile := filepath.Join(dir, "exit")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, filepath.Join(dir, "data"), exitFile))
		p.waitFor(wtStepTitles[0])
		p.waitFocused("Your role")
		p.typeText("Nurse")
		p.keys("C-c")
		p.waitFor("Quit now?")
		p.keys("y")
		if code := wtWaitExit(t, p, exitFile); code != 130 {
			t.Fatalf("rightsaid exited with %d, want 130:\n%s", code, p.capture())
		}
	})

	t.Run("a whole decision, saved", func(t *testing.T) {
		dir := t.TempDir()
		data := filepath.Join(dir, "data")
		exitFile := filepath.Join(dir, "exit")
		out := filepath.Join(dir, "out.yaml")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide", "--format", "yaml", "--out", out))

		wtAnswerSteps1to5(p)
		p.waitFor(wtStepTitles[5])
		p.pick("Justified: What harm are we preventing", 1, "Yes")
		p.text("The harm being prevented", "Two assaults in an hour.")
		wtAnswerSteps7to9(p)

		summary := p.waitFor(wtStepTitles[9], "● AMBER", "Proceed with safeguards", "s save · e change a step · d discard")
		if !strings.Contains(summary, "HUMAN RIGHTS DECISION RECORD") {
			t.Errorf("the summary does not show the rationale:\n%s", summary)
		}
		p.keys("s")
		if code := wtWaitExit(t, p, exitFile); code != 0 {
			t.Fatalf("rightsaid exited with %d:\n%s", code, p.capture())
		}
		// The steps were shown one by one, with the outcome so far once
		// the red-line screen was answered.
		transcript := p.transcript()
		for _, title := range wtStepTitles {
			if !strings.Contains(transcript, title) {
				t.Errorf("the screen never showed %q", title)
			}
		}
		if !strings.Contains(transcript, "Outcome so far: ● AMBER") {
			t.Errorf("the outcome so far was never shown")
		}
		wtCheckRecord(t, bin, out,
			"id: 'RA-",
			"light: 'amber'",
			"ref: P-0412",
			"unit: Ward 7",
			"kind: 'seclusion'",
			"Secluded in the low-stimulus room.\n    Observed through the window throughout.",
			"note: Two assaults in an hour.",
			"- moved to a quiet lounge first",
			"person: Says the ward is too loud.",
		)
		// Saved, the draft is gone; the record is in the register.
		if drafts, _ := filepath.Glob(filepath.Join(data, "rightsaid", "drafts", "*.yaml")); len(drafts) != 0 {
			t.Errorf("drafts left after saving: %v", drafts)
		}
		if recs, _ := filepath.Glob(filepath.Join(data, "rightsaid", "records", "RA-*.yaml")); len(recs) != 1 {
			t.Errorf("records in the register: %v, want 1", recs)
		}
	})

	t.Run("quit halfway, then resume", func(t *testing.T) {
		dir := t.TempDir()
		data := filepath.Join(dir, "data")
		exitFile := filepath.Join(dir, "exit")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide", "--format", "yaml"))

		wtAnswerSteps1to5(p)
		// In step 6: the answer, and the evidence half typed.
		p.waitFor(wtStepTitles[5])
		p.pick("Justified: What harm are we preventing", 1, "Yes")
		p.waitFocused("The harm being prevented")
		p.typeText("Two assaults")
		p.keys("C-c")
		p.waitFor("Quit now?", "y quit · n carry on")
		p.keys("y")
		if code := wtWaitExit(t, p, exitFile); code != 130 {
			t.Fatalf("rightsaid exited with %d, want 130:\n%s", code, p.capture())
		}
		screen := p.waitFor("Stopped. Your answers are kept as a draft. To carry on:")
		m := regexp.MustCompile(`rightsaid decide --resume=(\S+)`).FindStringSubmatch(screen)
		if m == nil {
			t.Fatalf("no resume command on the screen:\n%s", screen)
		}
		draft := m[1]
		if _, err := os.Stat(filepath.Join(data, "rightsaid", "drafts", draft+".yaml")); err != nil {
			t.Fatalf("the draft named is not kept: %v", err)
		}

		// Resume: it carries on at the first step with a required answer
		// missing (step 7), and finishes.
		exit2 := filepath.Join(dir, "exit2")
		out := filepath.Join(dir, "out.yaml")
		p2 := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exit2, "decide", "--resume="+draft, "--format", "yaml", "--out", out))
		first := p2.waitFor(wtStepTitles[6])
		if strings.Contains(first, wtStepTitles[0]) {
			t.Errorf("resumed at the start:\n%s", first)
		}
		wtAnswerSteps7to9(p2)
		p2.waitFor(wtStepTitles[9])
		p2.keys("s")
		if code := wtWaitExit(t, p2, exit2); code != 0 {
			t.Fatalf("the resumed rightsaid exited with %d:\n%s", code, p2.capture())
		}
		// Nothing lost: the answers of steps 1 to 5, and those given in
		// step 6 before quitting, are all in the record.
		wtCheckRecord(t, bin, out,
			"role: Nurse in charge",
			"name: Sam Okafor",
			"unit: Ward 7",
			"ref: P-0412",
			"kind: 'seclusion'",
			"emergency: 'yes'",
			"duration: '2h'",
			"- article: '8'",
			"- mha-1983-detention",
			"note: Detained under s3.",
			"justified:\n    answer: 'yes'\n    note: Two assaults",
			"- moved to a quiet lounge first",
		)
		if _, err := os.Stat(filepath.Join(data, "rightsaid", "drafts", draft+".yaml")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the draft is still there after saving: %v", err)
		}
	})

	t.Run("the draft list: esc leaves it", func(t *testing.T) {
		dir := t.TempDir()
		data := filepath.Join(dir, "data")
		exitFile := filepath.Join(dir, "exit")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide"))
		p.text("Your role", "Nurse in charge")
		p.waitFocused("Your name (optional)")
		p.keys("C-c")
		p.waitFor("Quit now?")
		p.keys("y")
		if code := wtWaitExit(t, p, exitFile); code != 130 {
			t.Fatalf("exit %d after quitting, want 130", code)
		}
		_ = os.Remove(exitFile)
		p2 := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide", "--resume"))
		screen := p2.waitFor("Which draft do you want to continue?", "begun by Nurse in charge")
		if strings.Contains(screen, "filter") {
			t.Errorf("the draft list offers a filter:\n%s", screen)
		}
		p2.keys("Escape")
		if code := wtWaitExit(t, p2, exitFile); code != 130 {
			t.Errorf("esc on the draft list: exit %d, want 130", code)
		}
	})

	t.Run("quit before answering: no draft", func(t *testing.T) {
		dir := t.TempDir()
		data := filepath.Join(dir, "data")
		exitFile := filepath.Join(dir, "exit")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide"))
		p.waitFocused("Your role")
		p.keys("Escape")
		p.waitFor("Quit now?")
		p.keys("y")
		p.waitFor("Nothing was answered, so no draft was kept.")
		if drafts, _ := filepath.Glob(filepath.Join(data, "rightsaid", "drafts", "*")); len(drafts) != 0 {
			t.Errorf("a draft was kept of nothing: %v", drafts)
		}
	})

	t.Run("resized mid-step", func(t *testing.T) {
		dir := t.TempDir()
		data := filepath.Join(dir, "data")
		exitFile := filepath.Join(dir, "exit")
		p := wtStartPane(t, tmux, dir, 80, 24, wtCommand(bin, data, exitFile, "decide", "--no-save"))
		p.waitFor(wtStepTitles[0])
		p.text("Your role", "Nurse in charge")
		// A long question, wrapped at 60 columns.
		const question = "Does the person, or their representative, object? *"
		p.answer("Your name (optional)", "Enter")
		p.pick("Setting *", 1, "Mental health in-patient ward")
		p.answer("Ward, home or team (optional)", "Enter")
		p.pick("Nation *", 1, "England")
		p.text("Person's reference *", "P-0412")
		p.pick("Age *", 1, "Adult (18 or over)")
		p.pick("Capacity for this decision *", 1, "Has capacity for this decision")
		p.waitFocused(question)
		for _, sz := range [][2]int{{60, 20}, {160, 40}, {80, 24}} {
			p.run("resize-window", "-t", "main", "-x", fmt.Sprint(sz[0]), "-y", fmt.Sprint(sz[1]))
			screen := p.waitFor(question, "ctrl+c quit")
			rows := strings.Split(strings.TrimRight(screen, "\n"), "\n")
			if len(rows) > sz[1] {
				t.Errorf("%dx%d: %d rows", sz[0], sz[1], len(rows))
			}
			if !strings.HasPrefix(rows[0], "rightsaid  Step 1 of 10") {
				t.Errorf("%dx%d: the progress line is not on top: %q", sz[0], sz[1], rows[0])
			}
			for _, opt := range []string{"Yes", "No", "Unsure"} {
				if !strings.Contains(screen, opt) {
					t.Errorf("%dx%d: the option %q is not on the screen:\n%s", sz[0], sz[1], opt, screen)
				}
			}
		}
		// The answer is still taken after the resizes.
		p.keys("C-c")
		p.waitFor("Quit now?")
		p.keys("y")
		if code := wtWaitExit(t, p, exitFile); code != 130 {
			t.Errorf("exit %d, want 130", code)
		}
	})
}
