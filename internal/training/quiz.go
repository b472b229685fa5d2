package training

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
)

// QuizQuestion is one question of the quiz on the 16 rights.
type QuizQuestion struct {
	Prompt      string
	Options     []string
	Answer      int // index into Options
	Explanation string
}

// The kinds of quiz question.
const (
	quizSituation = iota // which right does this situation engage?
	quizCategory         // is this right absolute, limited, qualified or ancillary?
	quizArticle          // which article is this right?
	quizKinds
)

// NewQuiz makes rounds questions from the catalog's rights, the same for the
// same seed, so a trainer can run the same quiz twice.
func NewQuiz(c *catalog.Catalog, rounds int, seed uint64) []QuizQuestion {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var out []QuizQuestion
	order := rng.Perm(len(c.Rights))
	for i := range rounds {
		r := &c.Rights[order[i%len(order)]]
		kind := (i + int(seed%quizKinds)) % quizKinds
		if kind == quizSituation && len(r.Examples) == 0 {
			kind = quizCategory
		}
		switch kind {
		case quizSituation:
			ex := r.Examples[rng.IntN(len(r.Examples))]
			opts, ans := choices(rng, c, r, func(x *catalog.Right) string { return x.Reference + ": " + x.Title })
			out = append(out, QuizQuestion{
				Prompt:      "Which right does this engage most directly?\n  " + render.Clean(ex),
				Options:     opts,
				Answer:      ans,
				Explanation: fmt.Sprintf("%s, %s. %s", r.Reference, r.Title, render.Clean(r.Summary)),
			})
		case quizCategory:
			cats := []string{catalog.Absolute, catalog.Limited, catalog.Qualified, catalog.Ancillary}
			opts := make([]string, len(cats))
			ans := 0
			for j, ct := range cats {
				opts[j] = c.Categories[ct].Title
				if ct == r.Category {
					ans = j
				}
			}
			out = append(out, QuizQuestion{
				Prompt:      fmt.Sprintf("%s, %s, is which kind of right?", r.Reference, r.Title),
				Options:     opts,
				Answer:      ans,
				Explanation: fmt.Sprintf("%s rights: %s", c.Categories[r.Category].Title, render.Clean(c.Categories[r.Category].Meaning)),
			})
		default:
			opts, ans := choices(rng, c, r, func(x *catalog.Right) string { return x.Reference })
			out = append(out, QuizQuestion{
				Prompt:      fmt.Sprintf("%s is which article?", r.Title),
				Options:     opts,
				Answer:      ans,
				Explanation: fmt.Sprintf("%s: %s", r.Reference, render.Clean(r.Summary)),
			})
		}
	}
	return out
}

// choices returns four options naming rights: the right one and three others,
// in random order, and the index of the right one.
func choices(rng *rand.Rand, c *catalog.Catalog, right *catalog.Right, name func(*catalog.Right) string) ([]string, int) {
	picked := []*catalog.Right{right}
	for _, i := range rng.Perm(len(c.Rights)) {
		if len(picked) == 4 {
			break
		}
		if c.Rights[i].Article != right.Article {
			picked = append(picked, &c.Rights[i])
		}
	}
	rng.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	opts := make([]string, len(picked))
	ans := 0
	for i, p := range picked {
		opts[i] = name(p)
		if p == right {
			ans = i
		}
	}
	return opts, ans
}

// ErrQuizEnded is returned when the input ends before the last question.
var ErrQuizEnded = errors.New("the input ended before the quiz did")

// Play asks the questions one at a time on out, reads answers from in (a
// number, or the option's words), gives feedback on each, and returns the
// score; the caller says the score, once. It re-asks an answer that is not
// one of the options. Text is wrapped to the layout's width; feedback is
// styled as right or wrong.
func Play(in io.Reader, out io.Writer, qs []QuizQuestion, l Layout) (int, error) {
	r := bufio.NewReader(in)
	score := 0
	for i, q := range qs {
		fmt.Fprintf(out, "\nQuestion %d of %d\n%s", i+1, len(qs), l.wrapLines(q.Prompt))
		for j, o := range q.Options {
			fmt.Fprintln(out, l.hang(fmt.Sprintf("  %d. ", j+1), o))
		}
		for {
			fmt.Fprintf(out, "Your answer (1-%d):\n", len(q.Options))
			line, err := r.ReadString('\n')
			if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
				if errors.Is(err, io.EOF) {
					return score, ErrQuizEnded
				}
				return score, err
			}
			n, ok := quizAnswer(q, strings.TrimSpace(line))
			if !ok {
				fmt.Fprintf(out, "Not valid: type a number from 1 to %d.\n", len(q.Options))
				continue
			}
			feedback, style := "Right. "+q.Explanation, l.Styles.Progress
			if n == q.Answer {
				score++
			} else {
				feedback, style = fmt.Sprintf("Not quite: the answer is %d, %s. %s", q.Answer+1, q.Options[q.Answer], q.Explanation), l.Styles.Error
			}
			gap := ""
			if l.Styles.Presenter {
				gap = "\n"
			}
			fmt.Fprint(out, gap+l.styleLines(style, l.wrap(feedback, 0))+"\n"+gap)
			break
		}
	}
	return score, nil
}

// wrapLines wraps text a line at a time, each line at its own indent (a
// situation is indented under the question).
func (l Layout) wrapLines(p string) string {
	var b strings.Builder
	for _, line := range strings.Split(p, "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		b.WriteString(l.wrap(line, indent) + "\n")
	}
	return b.String()
}

func quizAnswer(q QuizQuestion, s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= len(q.Options)
	}
	for i, o := range q.Options {
		if s != "" && strings.EqualFold(o, s) {
			return i, true
		}
	}
	return 0, false
}

// WriteHandout writes the quiz for printing: the questions, then the
// answers, wrapped to the layout's width.
func WriteHandout(w io.Writer, qs []QuizQuestion, l Layout) error {
	var b strings.Builder
	b.WriteString(l.wrap("QUIZ: THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998", 0) + "\n")
	for i, q := range qs {
		// The question's number hangs in the margin; a situation is
		// indented under the question.
		prefix := fmt.Sprintf("%d. ", i+1)
		lines := strings.Split(q.Prompt, "\n")
		b.WriteString("\n" + l.hang(prefix, lines[0]) + "\n")
		for _, line := range lines[1:] {
			indent := len(prefix) + len(line) - len(strings.TrimLeft(line, " "))
			b.WriteString(l.hang(strings.Repeat(" ", indent), line) + "\n")
		}
		for j, o := range q.Options {
			b.WriteString(l.hang(fmt.Sprintf("   %c) ", 'a'+j), o) + "\n")
		}
	}
	b.WriteString("\nANSWERS\n")
	for i, q := range qs {
		b.WriteString(l.hang(fmt.Sprintf("%d. %c) ", i+1, 'a'+q.Answer), q.Explanation) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
