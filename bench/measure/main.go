// Command measure times rightsaid as whole processes, beside a do-nothing
// binary built the same way, so the ratios stand even on a noisy machine. It
// prints a table and writes it to bench/results.md. Run it with bench/run.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

type result struct {
	name     string
	median   time.Duration
	baseline time.Duration // the same measure for the baseline binary
	rssKB    int64
	budget   string
	ok       bool
	note     string
}

func main() {
	if len(os.Args) > 3 && os.Args[1] == "exec-rss" {
		execRSS(os.Args[2], os.Args[3:])
		return
	}
	runs := flag.Int("runs", 30, "runs of each short command")
	batch := flag.Int("batch", 10000, "answer files in the check batch")
	out := flag.String("out", "bench/results.md", "where to write the table")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "rightsaid-bench-")
	check(err)
	defer os.RemoveAll(tmp)
	bin := func(name, pkg string) string {
		path := filepath.Join(tmp, name)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", path, pkg)
		// Static, as released: a cgo build of rightsaid is dynamically
		// linked (net, for PostgreSQL), and the dynamic loader alone costs
		// about 0.8 ms of every start.
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		cmd.Stderr = os.Stderr
		check(cmd.Run())
		return path
	}
	rightsaid := bin("rightsaid", "./cmd/rightsaid")
	noop := bin("noop", "./bench/noop")
	huhform := bin("huhform", "./bench/huhform")
	env := append(os.Environ(), "XDG_DATA_HOME="+filepath.Join(tmp, "data"), "TZ=Europe/London", "NO_COLOR=1")

	var results []result
	add := func(r result) {
		results = append(results, r)
		fmt.Printf("%-48s %10s  (baseline %s)  %s\n", r.name, r.median.Round(10*time.Microsecond), r.baseline.Round(10*time.Microsecond), r.note)
	}

	medians, rsses := timeRuns(*runs, env,
		[]string{noop},
		[]string{rightsaid, "--version"},
		[]string{rightsaid, "rights"},
		[]string{rightsaid, "decide", "--answers", "examples/seclusion.yaml"})
	base, v, rt, d, rss := medians[0], medians[1], medians[2], medians[3], rsses[3]
	add(result{name: "rightsaid --version", median: v, baseline: base, budget: "within 3x the do-nothing binary", ok: v <= 3*base, note: ratio(v, base)})
	add(result{name: "rightsaid rights", median: rt, baseline: base, budget: "within 5x the do-nothing binary", ok: rt <= 5*base, note: ratio(rt, base)})
	add(result{name: "rightsaid decide --answers (one file)", median: d, baseline: base, rssKB: rss, budget: "(whole process)", ok: true, note: ratio(d, base)})

	files := makeBatch(filepath.Join(tmp, "batch"), *batch)
	start := time.Now()
	cmd := exec.Command(rightsaid, append([]string{"check"}, files...)...)
	cmd.Env = env
	cmd.Stdout = new(bytes.Buffer)
	check(cmd.Run())
	batchTime := time.Since(start)
	batchRSS := maxRSS(cmd.ProcessState)
	add(result{name: fmt.Sprintf("rightsaid check, %d answer files", len(files)), median: batchTime, rssKB: batchRSS,
		budget: "under 3 s", ok: batchTime < 3*time.Second, note: fmt.Sprintf("%.0f µs a decision", float64(batchTime.Microseconds())/float64(len(files)))})

	if _, err := exec.LookPath("tmux"); err == nil {
		first, baseFirst := firstScreens([]string{rightsaid, "decide"}, []string{huhform}, "Your role", env, 15)
		add(result{name: "first wizard screen under tmux", median: first, baseline: baseFirst,
			budget: "within 1.3x a one-field huh form, and under 50 ms", ok: first <= baseFirst*13/10 && first < 50*time.Millisecond, note: ratio(first, baseFirst)})
	} else {
		fmt.Println("first wizard screen: skipped (tmux is not installed)")
	}
	if _, err := exec.LookPath("tmux"); err == nil {
		kb := wizardPeak(rightsaid, env)
		add(result{name: "peak memory, a whole wizard session", rssKB: kb, budget: "under 25 MB", ok: kb > 0 && kb < 25*1000*1000/1024,
			note: "opened on an answers file (--edit), saved from the summary"})
	}
	size := fileSize(rightsaid)
	add(result{name: "stripped binary size", budget: "under 10 MiB (14 MiB with PostgreSQL)", ok: size < 14<<20, note: fmt.Sprintf("%.2f MiB", float64(size)/(1<<20))})

	// The notes written by hand under the table are kept.
	text := table(results, *runs)
	if old, err := os.ReadFile(*out); err == nil {
		if i := bytes.Index(old, []byte("\n## Notes")); i >= 0 {
			text += string(old[i:])
		}
	}
	check(os.WriteFile(*out, []byte(text), 0o644))
	fmt.Printf("\nwritten to %s\n", *out)
}

func ratio(a, b time.Duration) string {
	if b == 0 {
		return ""
	}
	return fmt.Sprintf("%.2fx", float64(a)/float64(b))
}

// timeRuns runs a command n times and returns the median wall time and the
// largest peak memory seen.
// timeRuns runs each command n times, taking turns (one run of each, then
// the next round), so that a machine busier for a while slows them all
// alike, and returns the median time and the peak memory of each.
func timeRuns(n int, env []string, cmds ...[]string) ([]time.Duration, []int64) {
	times := make([][]time.Duration, len(cmds))
	rss := make([]int64, len(cmds))
	for range n {
		for i, c := range cmds {
			cmd := exec.Command(c[0], c[1:]...)
			cmd.Env = env
			cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
			start := time.Now()
			if err := cmd.Run(); err != nil {
				fmt.Fprintf(os.Stderr, "%v: %v\n%s", c, err, cmd.Stderr)
				os.Exit(1)
			}
			times[i] = append(times[i], time.Since(start))
			rss[i] = max(rss[i], maxRSS(cmd.ProcessState))
		}
	}
	medians := make([]time.Duration, len(cmds))
	for i, t := range times {
		slices.Sort(t)
		medians[i] = t[len(t)/2]
	}
	return medians, rss
}

func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) // KiB on Linux
	}
	return 0
}

// makeBatch writes n answer files, variations of the examples.
func makeBatch(dir string, n int) []string {
	check(os.MkdirAll(dir, 0o755))
	examples, err := filepath.Glob("examples/*.yaml")
	check(err)
	var srcs [][]byte
	for _, e := range examples {
		b, err := os.ReadFile(e)
		check(err)
		srcs = append(srcs, b)
	}
	files := make([]string, n)
	for i := range n {
		src := srcs[i%len(srcs)]
		src = bytes.Replace(src, []byte("ref: "), []byte(fmt.Sprintf("ref: B%05d-", i)), 1)
		files[i] = filepath.Join(dir, fmt.Sprintf("a%05d.yaml", i))
		check(os.WriteFile(files[i], src, 0o644))
	}
	return files
}

// firstScreen starts a program in a tmux pane (run numbers its server) and
// returns the time until want appears on its screen.
func firstScreen(bin string, args []string, want string, env []string, run int) time.Duration {
	sock := fmt.Sprintf("rightsaid-bench-%d-%d", os.Getpid(), run)
	defer func() { _ = exec.Command("tmux", "-L", sock, "kill-server").Run() }()
	shell := strings.Join(append([]string{bin}, args...), " ")
	start := time.Now()
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-x", "80", "-y", "24", shell)
	cmd.Env = env
	check(cmd.Run())
	var out []byte
	for time.Since(start) < 5*time.Second {
		out, _ = exec.Command("tmux", "-L", sock, "capture-pane", "-p").Output()
		if bytes.Contains(out, []byte(want)) {
			return time.Since(start)
		}
		time.Sleep(time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "%s: %q did not appear in 5 s; the screen showed:\n%s\n", bin, want, out)
	os.Exit(1)
	return 0
}

// firstScreens measures the first screen of two programs n times each,
// taking turns, so that a machine busier for a while slows both alike, and
// returns the median of each.
func firstScreens(a, b []string, want string, env []string, n int) (time.Duration, time.Duration) {
	var ta, tb []time.Duration
	for i := range n {
		ta = append(ta, firstScreen(a[0], a[1:], want, env, 2*i))
		tb = append(tb, firstScreen(b[0], b[1:], want, env, 2*i+1))
	}
	slices.Sort(ta)
	slices.Sort(tb)
	return ta[n/2], tb[n/2]
}

// execRSS runs a command with the terminal it was given and writes its peak
// memory (KiB) to out: the wrapper tmux runs for wizardPeak.
func execRSS(out string, args []string) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	_ = cmd.Run()
	check(os.WriteFile(out, []byte(fmt.Sprint(maxRSS(cmd.ProcessState))), 0o644))
}

// wizardPeak runs a whole wizard session in tmux (an answers file opened in
// the wizard, then saved from the summary) and returns its peak memory.
func wizardPeak(bin string, env []string) int64 {
	self, err := os.Executable()
	check(err)
	answers, err := filepath.Abs("examples/seclusion.yaml")
	check(err)
	out := filepath.Join(os.TempDir(), fmt.Sprintf("rightsaid-rss-%d", os.Getpid()))
	defer os.Remove(out)
	sock := fmt.Sprintf("rightsaid-bench-rss-%d", os.Getpid())
	shell := strings.Join([]string{self, "exec-rss", out, bin, "decide", "--answers", answers, "--edit", "--no-save"}, " ") + "; sleep 2"
	cmd := exec.Command("tmux", "-L", sock, "new-session", "-d", "-x", "80", "-y", "24", shell)
	cmd.Env = env
	check(cmd.Run())
	defer exec.Command("tmux", "-L", sock, "kill-server").Run()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(10 * time.Millisecond) {
		screen, _ := exec.Command("tmux", "-L", sock, "capture-pane", "-p").Output()
		if bytes.Contains(screen, []byte("s save")) {
			break
		}
	}
	check(exec.Command("tmux", "-L", sock, "send-keys", "s").Run())
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(10 * time.Millisecond) {
		if data, err := os.ReadFile(out); err == nil && len(data) > 0 {
			var kb int64
			fmt.Sscan(string(data), &kb)
			return kb
		}
	}
	fmt.Fprintln(os.Stderr, "wizard session: it did not end within 10 s")
	return 0
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	check(err)
	return fi.Size()
}

func table(rs []result, runs int) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "# rightsaid: measured performance\n\nMeasured by `bench/run` on %s: %s, %d CPUs, %s/%s, %s. Whole processes, median of %d runs, each command taking turns with the others and its baseline (the first screen: 15; the batch: one run); the baseline is the same measure for a do-nothing Go binary (for the first screen: a one-field huh v2 form), built the same way (`CGO_ENABLED=0 go build -trimpath -ldflags='-s -w'`, the release build).\n\n",
		time.Now().UTC().Format("2 January 2006"), host, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), runs)
	b.WriteString("| measure | rightsaid | baseline | ratio or note | peak memory | budget | met |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		med, base := "", ""
		if r.median > 0 {
			med = r.median.Round(10 * time.Microsecond).String()
		}
		if r.baseline > 0 {
			base = r.baseline.Round(10 * time.Microsecond).String()
		}
		mem := ""
		if r.rssKB > 0 {
			mem = fmt.Sprintf("%.1f MiB", float64(r.rssKB)/1024)
		}
		met := "yes"
		if !r.ok {
			met = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.name, med, base, r.note, mem, r.budget, met)
	}
	return b.String()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}
