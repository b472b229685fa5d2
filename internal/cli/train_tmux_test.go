package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// trainPane is one tmux pane on a tmux server of the test's own, 80x24, running a
// command.
type trainPane struct {
	t      *testing.T
	tmux   string
	socket string
}

// trainNeedTmux finds tmux, or skips the test when it is missing; in CI
// (CI=true, as .ci/run sets) a missing tmux is a failure, since .ci/run
// installs it.
func trainNeedTmux(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("tmux is not installed, and CI=true: .ci/run installs it (apt-get install tmux): %v", err)
		}
		t.Skip("tmux is not installed: skipping the end-to-end test of train in a terminal (install tmux to run it; with CI=true this fails instead)")
	}
	return path
}

// trainBuild builds the rightsaid binary into dir.
func trainBuild(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "rightsaid")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/rightsaid/rightsaid/cmd/rightsaid")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// trainStartPane starts script (a shell script) in a new 80x24 pane.
func trainStartPane(t *testing.T, dir, script string) *trainPane {
	t.Helper()
	p := &trainPane{t: t, tmux: trainNeedTmux(t), socket: filepath.Join(dir, "tmux.sock")}
	p.run("-f", "/dev/null", "new-session", "-d", "-s", "train", "-x", "80", "-y", "24", "sh", script)
	t.Cleanup(func() { _ = exec.Command(p.tmux, "-S", p.socket, "kill-server").Run() })
	return p
}

func (p *trainPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command(p.tmux, append([]string{"-S", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// screen is what the trainPane shows now.
func (p *trainPane) screen() string {
	p.t.Helper()
	return p.run("capture-pane", "-p", "-t", "train")
}

// history is everything the trainPane has shown, the screen and the lines
// scrolled off it.
func (p *trainPane) history() string {
	p.t.Helper()
	return p.run("capture-pane", "-p", "-S", "-", "-t", "train")
}

// waitFor polls the screen until it matches the pattern, and returns it.
func (p *trainPane) waitFor(pattern string) string {
	p.t.Helper()
	re := regexp.MustCompile("(?m)" + pattern)
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := p.screen()
		if re.MatchString(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the screen did not show %q within 15s; it shows:\n%s", pattern, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys sends keys by name (Enter, Down, or a letter).
func (p *trainPane) keys(keys ...string) {
	p.t.Helper()
	p.run(append([]string{"send-keys", "-t", "train"}, keys...)...)
}

// typeText types text literally.
func (p *trainPane) typeText(s string) {
	p.t.Helper()
	p.run("send-keys", "-t", "train", "-l", s)
}

// trainCursorLine is the line of a list under the cursor ("> ").
func trainCursorLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "> [") {
			return l
		}
	}
	return ""
}

// tick moves the cursor of the multi-select on screen down to the option
// that starts with label, and ticks it with x.
func (p *trainPane) tick(label string) {
	p.t.Helper()
	for range 40 {
		cur := trainCursorLine(p.screen())
		if strings.Contains(cur, "] "+label) {
			p.keys("x")
			p.waitFor(regexp.QuoteMeta("> [•] " + label))
			return
		}
		p.keys("Down")
		deadline := time.Now().Add(5 * time.Second)
		for trainCursorLine(p.screen()) == cur && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	p.t.Fatalf("no option %q in the list:\n%s", label, p.screen())
}

// TestTrainTmux runs a workshop's scenario end to end in an 80x24 terminal:
// the story first, Enter, then the wizard from the first step the group
// answers itself (the scenario gives the context and the restriction), every
// question answered with keys, s on the summary; then the comparison with the
// model is printed, and --out holds the group's decision.
func TestTrainTmux(t *testing.T) {
	trainNeedTmux(t)
	dir := t.TempDir()
	bin := trainBuild(t, dir)
	out := filepath.Join(dir, "group.yaml")
	script := filepath.Join(dir, "train.sh")
	// The trainPane stays open after rightsaid ends, so its exit code and last
	// screen can be read.
	err := os.WriteFile(script, []byte(fmt.Sprintf(`unset NO_COLOR RIGHTSAID_NO_PROMPT ACCESSIBLE COLUMNS LINES
export HOME=%[1]q XDG_DATA_HOME=%[2]q TZ=Europe/London
%[3]q train s07 --out %[4]q
echo "rightsaid exited $?"
sleep 600
`, dir, filepath.Join(dir, "data"), bin, out)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	p := trainStartPane(t, dir, script)

	// The story, in the presenter layout, and a pause for the room.
	s := p.waitFor(`^Press Enter when the group is ready to start\.$`)
	for _, want := range []string{"rightsaid workshop", "Mainstream secondary school: phone confiscation", "School · s07-secondary-school-phone-confiscation"} {
		if !strings.Contains(s, want) {
			t.Errorf("the story screen lacks %q:\n%s", want, s)
		}
	}
	p.keys("Enter")

	// The scenario gives the context and the restriction: the group starts
	// at the rights, with the kind's usual rights ticked (the model's here).
	s = p.waitFor(`Step 3 of 10 · Rights engaged`)
	if strings.Contains(s, "Step 1 of 10") || strings.Contains(s, "Step 2 of 10") {
		t.Errorf("the wizard did not start at the rights:\n%s", s)
	}
	p.waitFor(`┃ Rights it engages`)
	p.keys("Enter")
	p.waitFor(`┃ Rights it protects`)
	p.keys("Enter")

	// The red-line screen: no to each (the cursor starts on no answer,
	// then Yes).
	for _, q := range []string{"Degrading or inhuman treatment", "Risk to life", "Discrimination", "Punishment or convenience", "Deprivation of liberty"} {
		p.waitFor(`Step 4 of 10 · Red-line screen[\s\S]*┃ ` + regexp.QuoteMeta(q) + ` \*`)
		p.keys("Down")
		p.waitFor(`┃ > Yes`)
		p.keys("Down")
		p.waitFor(`┃ > No`)
		p.keys("Enter")
	}

	// Lawful: yes, under the Act and the published policy.
	p.waitFor(`Step 5 of 10 · Lawful[\s\S]*┃ Lawful: `)
	p.keys("Down")
	p.waitFor(`┃ > Yes`)
	p.keys("Enter")
	p.waitFor(`┃ Legal basis`)
	p.tick("Education and Inspections Act 2006 s91 and s94")
	p.tick("School behaviour policy")
	p.keys("Enter")
	p.waitFor(`┃ Other \(separate several with ;\)`)
	p.keys("Enter")
	p.waitFor(`┃ Legal basis and authorisation`)
	p.keys("Enter")

	// Justified and proportionate: yes, no notes.
	for _, part := range []struct{ step, question, evidence string }{
		{"Step 6 of 10 · Justified", "┃ Justified: ", "┃ The harm being prevented"},
		{"Step 7 of 10 · Proportionate", "┃ Proportionate: ", "┃ The balance of harms"},
	} {
		p.waitFor(part.step + `[\s\S]*` + part.question)
		p.keys("Down")
		p.waitFor(`┃ > Yes`)
		p.keys("Enter")
		p.waitFor(part.evidence)
		p.keys("Enter")
	}

	// Least restrictive: yes, after two warnings.
	p.waitFor(`Step 8 of 10 · Least restrictive[\s\S]*┃ Least restrictive: `)
	p.keys("Down")
	p.waitFor(`┃ > Yes`)
	p.keys("Enter")
	p.waitFor(`┃ Less restrictive options tried or considered`)
	p.keys("Enter")
	p.waitFor(`┃ Other \(separate several with ;\)`)
	p.typeText("two warnings")
	p.waitFor(`┃ > two warnings`)
	p.keys("Enter")
	p.waitFor(`┃ Alternatives tried or rejected`)
	p.keys("Enter")

	// Views and review.
	p.waitFor(`Step 9 of 10 · Views and review[\s\S]*┃ The person's views, in their words`)
	p.typeText("Accepts he had two warnings; wants it back for the bus home.")
	p.waitFor(`wants it back`)
	p.keys("Enter")
	p.waitFor(`┃ Others' views`)
	p.typeText("Parents told by text.")
	p.waitFor(`Parents told by text\.`)
	p.keys("Enter")
	p.waitFor(`┃ When will it be reviewed\?`)
	p.typeText("1d")
	p.waitFor(`┃ > 1d`)
	p.keys("Enter")
	p.waitFor(`┃ Who will review it\?`)
	p.typeText("Head of year")
	p.waitFor(`┃ > Head of year`)
	p.keys("Enter")

	// The summary shows the live outcome; s saves.
	s = p.waitFor(`Step 10 of 10 · Summary`)
	if !strings.Contains(s, "● GREEN") {
		t.Errorf("the summary does not show a green outcome:\n%s", s)
	}
	p.keys("s")
	p.waitFor(`^rightsaid exited \d+$`)

	// The comparison, printed when the wizard ends.
	h := p.history()
	if !strings.Contains(h, "rightsaid exited 0") {
		t.Fatalf("rightsaid did not exit 0:\n%s", h)
	}
	for _, want := range []string{
		"Your answers and the model answer: Mainstream secondary school: phone",
		"Your outcome:  ● GREEN  Proceed",
		"Model outcome: ● GREEN  Proceed",
		"Red-line screen  matches the model",
		"Lawful  matches the model",
		"Least restrictive  matches the model",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the trainPane never showed %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "differs from the model") {
		t.Errorf("the group gave the model's answers, yet a step differs:\n%s", h)
	}

	// --out holds the group's decision: valid, the scenario's context, the
	// group's answers, and the outcome the comparison showed.
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600: it may hold personal information", out, info.Mode().Perm())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := decision.Decode(c, out, data, decision.Options{})
	if err != nil {
		t.Fatalf("%s is not a valid decision: %v\n%s", out, err, data)
	}
	if missing := d.Missing(); len(missing) > 0 {
		t.Errorf("the decision misses %v", missing)
	}
	var rights []string
	for _, r := range d.Rights {
		rights = append(rights, r.Article)
	}
	slices.Sort(rights)
	checks := []struct {
		what      string
		got, want any
	}{
		{"person.ref", d.Person.Ref, "C-0707"},
		{"setting", string(d.Setting), "school"},
		{"restriction.kind", string(d.Restriction.Kind), "possessions-restriction"},
		{"rights", rights, []string{"10", "8", "P1-1"}},
		{"screen.punitive", string(d.Screen.Punitive), decision.No},
		{"test.lawful.answer", string(d.Test.Lawful.Answer), decision.Yes},
		{"test.lawful.basis", []string(d.Test.Lawful.Basis), []string{"eia-2006-s91-s94", "school-behaviour-policy"}},
		{"test.least_restrictive.alternatives", []string(d.Test.LeastRestrictive.Alternatives), []string{"two warnings"}},
		{"views.others", d.Views.Others, "Parents told by text."},
		{"review.within", d.Review.Within.Duration(), 24 * time.Hour},
		{"review.by", d.Review.By, "Head of year"},
	}
	for _, ck := range checks {
		if fmt.Sprint(ck.got) != fmt.Sprint(ck.want) {
			t.Errorf("%s = %v, want %v", ck.what, ck.got, ck.want)
		}
	}
	if o := assess.Evaluate(c, d, d.RecordedAt.Time()); o.Light != "green" {
		t.Errorf("the saved decision is %s (%v), want green as the comparison showed", o.Light, o.Reasons)
	}
}
