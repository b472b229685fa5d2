package training

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
)

func quizCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _ := embedded(t)
	return c
}

// TestNewQuizRepeatable: the same seed gives the same quiz, so a trainer can
// run it twice; another seed gives another.
func TestNewQuizRepeatable(t *testing.T) {
	c := quizCatalog(t)
	for _, seed := range []uint64{0, 1, 7, 42, 1 << 40} {
		a, b := NewQuiz(c, 10, seed), NewQuiz(c, 10, seed)
		if len(a) != 10 {
			t.Fatalf("seed %d: %d questions, want 10", seed, len(a))
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("seed %d: two quizzes differ", seed)
		}
		if other := NewQuiz(c, 10, seed+1); reflect.DeepEqual(a, other) {
			t.Errorf("seeds %d and %d give the same quiz", seed, seed+1)
		}
	}
	if a, b := NewQuiz(c, 3, 7), NewQuiz(c, 10, 7); !reflect.DeepEqual(a, b[:3]) {
		t.Error("a shorter quiz with the same seed is not the start of the longer one")
	}
}

// quizRight works out from a question's prompt which right it is about, and
// what the right answer must say.
func quizRight(t *testing.T, c *catalog.Catalog, q QuizQuestion) (kind string, rights []*catalog.Right, want func(*catalog.Right) string) {
	t.Helper()
	for i := range c.Rights {
		r := &c.Rights[i]
		switch {
		case q.Prompt == fmt.Sprintf("%s, %s, is which kind of right?", r.Reference, r.Title):
			return "category", []*catalog.Right{r}, func(r *catalog.Right) string { return c.Categories[r.Category].Title }
		case q.Prompt == r.Title+" is which article?":
			return "article", []*catalog.Right{r}, func(r *catalog.Right) string { return r.Reference }
		}
	}
	example, ok := strings.CutPrefix(q.Prompt, "Which right does this engage most directly?\n  ")
	if !ok {
		t.Fatalf("a question of no known kind: %q", q.Prompt)
	}
	for i := range c.Rights {
		if slices.ContainsFunc(c.Rights[i].Examples, func(e string) bool { return render.Clean(e) == example }) {
			rights = append(rights, &c.Rights[i])
		}
	}
	if len(rights) == 0 {
		t.Fatalf("the situation %q is no right's example", example)
	}
	return "situation", rights, func(r *catalog.Right) string { return r.Reference + ": " + r.Title }
}

// TestNewQuizAnswers: every question of many quizzes has four or more
// distinct options, its Answer indexes one of them, and that option names the
// right the question is about (and no other option does).
func TestNewQuizAnswers(t *testing.T) {
	c := quizCatalog(t)
	kinds := map[string]int{}
	for seed := range uint64(50) {
		qs := NewQuiz(c, 16, seed)
		var asked []string
		for i, q := range qs {
			if q.Answer < 0 || q.Answer >= len(q.Options) {
				t.Fatalf("seed %d question %d: Answer %d, with %d options", seed, i, q.Answer, len(q.Options))
			}
			if len(q.Options) < 4 {
				t.Errorf("seed %d question %d: only %d options", seed, i, len(q.Options))
			}
			if len(slices.Compact(sortedCopy(q.Options))) != len(q.Options) {
				t.Errorf("seed %d question %d: options repeat: %q", seed, i, q.Options)
			}
			kind, rights, name := quizRight(t, c, q)
			kinds[kind]++
			if !slices.ContainsFunc(rights, func(r *catalog.Right) bool { return q.Options[q.Answer] == name(r) }) {
				t.Errorf("seed %d: %q\n  answer %q does not name the right", seed, q.Prompt, q.Options[q.Answer])
			}
			if kind != "category" {
				for j, o := range q.Options {
					if j != q.Answer && slices.ContainsFunc(rights, func(r *catalog.Right) bool { return o == name(r) }) {
						t.Errorf("seed %d: %q\n  option %q is right too", seed, q.Prompt, o)
					}
				}
				if !strings.Contains(q.Explanation, rights[0].Reference) && len(rights) == 1 {
					t.Errorf("seed %d: the explanation %q does not name %s", seed, q.Explanation, rights[0].Reference)
				}
			}
			if q.Explanation == "" {
				t.Errorf("seed %d question %d: no explanation", seed, i)
			}
			// 16 rounds go through the 16 rights once each.
			about := rights[0].Article
			if kind == "situation" {
				about = q.Options[q.Answer]
			}
			if slices.Contains(asked, about) {
				t.Errorf("seed %d: %s asked about twice in 16 rounds", seed, about)
			}
			asked = append(asked, about)
		}
	}
	for _, k := range []string{"situation", "category", "article"} {
		if kinds[k] == 0 {
			t.Errorf("no %s question in 50 quizzes", k)
		}
	}
}

// TestNewQuizManyRounds: more rounds than rights go round the rights again.
func TestNewQuizManyRounds(t *testing.T) {
	c := quizCatalog(t)
	if qs := NewQuiz(c, 100, 3); len(qs) != 100 {
		t.Errorf("%d questions, want 100", len(qs))
	}
	if qs := NewQuiz(c, 0, 3); len(qs) != 0 {
		t.Errorf("%d questions for 0 rounds", len(qs))
	}
}

// answers returns the scripted input that answers each question with the
// option pick chooses (1-based, as a participant types it).
func answers(qs []QuizQuestion, pick func(QuizQuestion) string) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(pick(q) + "\n")
	}
	return b.String()
}

func rightAnswer(q QuizQuestion) string { return fmt.Sprint(q.Answer + 1) }

func wrongAnswer(q QuizQuestion) string { return fmt.Sprint((q.Answer+1)%len(q.Options) + 1) }

// TestPlay scores scripted answers.
func TestPlay(t *testing.T) {
	c := quizCatalog(t)
	qs := NewQuiz(c, 5, 7)
	n := len(qs)
	tests := []struct {
		name      string
		in        string
		score     int
		err       error
		notValid  int // answers re-asked
		feedbacks int
	}{
		{name: "all right", in: answers(qs, rightAnswer), score: n, feedbacks: n},
		{name: "all wrong", in: answers(qs, wrongAnswer), score: 0, feedbacks: n},
		{name: "first right, rest wrong", in: rightAnswer(qs[0]) + "\n" + answers(qs[1:], wrongAnswer), score: 1, feedbacks: n},
		{name: "by the option's words, in any case", score: n, feedbacks: n,
			in: answers(qs, func(q QuizQuestion) string { return "  " + strings.ToUpper(q.Options[q.Answer]) + "  " })},
		{name: "invalid answers re-asked", score: n, feedbacks: n, notValid: 4,
			in: "0\n\n" + fmt.Sprint(len(qs[0].Options)+1) + "\nnot an option\n" + answers(qs, rightAnswer)},
		{name: "the last answer without a line break", score: n, feedbacks: n,
			in: strings.TrimSuffix(answers(qs, rightAnswer), "\n")},
		{name: "windows line endings", score: n, feedbacks: n,
			in: strings.ReplaceAll(answers(qs, rightAnswer), "\n", "\r\n")},
		{name: "input ending early", in: answers(qs[:2], rightAnswer), score: 2, err: ErrQuizEnded, feedbacks: 2},
		{name: "input ending on an invalid answer", in: answers(qs[:1], rightAnswer) + "nonsense\n", score: 1, err: ErrQuizEnded, notValid: 1, feedbacks: 1},
		{name: "no input", in: "", score: 0, err: ErrQuizEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			score, err := Play(strings.NewReader(tt.in), &out, qs, plainLayout(80, false))
			if score != tt.score {
				t.Errorf("score %d, want %d", score, tt.score)
			}
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Errorf("err = %v, want %v", err, tt.err)
			}
			got := out.String()
			if c := strings.Count(got, "Not valid: "); c != tt.notValid {
				t.Errorf("%d answers re-asked, want %d:\n%s", c, tt.notValid, got)
			}
			rights, wrongs := strings.Count(got, "\nRight. "), strings.Count(got, "\nNot quite: ")
			if rights+wrongs != tt.feedbacks {
				t.Errorf("feedback on %d answers, want %d", rights+wrongs, tt.feedbacks)
			}
			if rights != tt.score {
				t.Errorf("%d answers marked right, want %d", rights, tt.score)
			}
			// The score is the caller's to say, once.
			if strings.Contains(got, "scored") {
				t.Errorf("Play said the score:\n%s", got)
			}
			// An ended quiz has asked the questions answered and the one in hand.
			want := n
			if tt.err != nil {
				want = tt.feedbacks + 1
			}
			if asked := strings.Count(got, "\nQuestion "); asked != want {
				t.Errorf("%d questions asked, want %d", asked, want)
			}
		})
	}
}

// words is s with its runs of spaces and line breaks made single spaces, so
// wrapped text can be compared with what was wrapped.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPlayFeedback: a wrong answer is told the right one, with its number and
// the explanation; every question shows its options numbered.
func TestPlayFeedback(t *testing.T) {
	c := quizCatalog(t)
	qs := NewQuiz(c, 3, 11)
	var out strings.Builder
	if _, err := Play(strings.NewReader(answers(qs, wrongAnswer)), &out, qs, plainLayout(80, false)); err != nil {
		t.Fatal(err)
	}
	got := words(out.String())
	for i, q := range qs {
		if !strings.Contains(got, words(fmt.Sprintf("Question %d of %d\n%s\n", i+1, len(qs), q.Prompt))) {
			t.Errorf("question %d not asked as expected", i+1)
		}
		for j, o := range q.Options {
			if !strings.Contains(got, words(fmt.Sprintf(" %d. %s ", j+1, o))) {
				t.Errorf("question %d: option %d %q not shown", i+1, j+1, o)
			}
		}
		want := fmt.Sprintf("Not quite: the answer is %d, %s.", q.Answer+1, q.Options[q.Answer])
		if !strings.Contains(got, words(want)) || !strings.Contains(got, words(q.Explanation)) {
			t.Errorf("question %d: no %q with the explanation", i+1, want)
		}
	}
}

// TestQuizWrapped: the quiz, as asked and as a handout, keeps to the width
// of the screen (80 columns when it is not a terminal), however long a
// right's summary is: a long line hangs under its number or letter.
func TestQuizWrapped(t *testing.T) {
	c := quizCatalog(t)
	qs := NewQuiz(c, 16, 7)
	for _, width := range []int{40, 80, 200} {
		for _, presenter := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d-presenter-%v", width, presenter), func(t *testing.T) {
				l := plainLayout(width, presenter)
				var played, handout strings.Builder
				if _, err := Play(strings.NewReader(answers(qs, wrongAnswer)), &played, qs, l); err != nil {
					t.Fatal(err)
				}
				if err := WriteHandout(&handout, qs, l); err != nil {
					t.Fatal(err)
				}
				for _, out := range []string{played.String(), handout.String()} {
					checkLayout(t, out, width)
				}
				widest := 0
				for _, line := range strings.Split(handout.String(), "\n") {
					widest = max(widest, ansi.StringWidth(line))
				}
				switch {
				case width == 80 && !regexp.MustCompile(`(?m)^\d+\. [a-d]\) .*\n {6,7}\S`).MatchString(handout.String()):
					t.Errorf("no answer hangs under its letter at 80 columns:\n%s", handout.String())
				case width == 200 && widest <= 80:
					t.Errorf("at 200 columns the handout is no wider than %d columns", widest)
				}
			})
		}
	}
}

// TestPlayGolden holds a short quiz as asked, with wrong answers, at 80
// columns.
func TestPlayGolden(t *testing.T) {
	c := quizCatalog(t)
	qs := NewQuiz(c, 3, 7)
	var out strings.Builder
	if _, err := Play(strings.NewReader(answers(qs, wrongAnswer)), &out, qs, plainLayout(80, false)); err != nil {
		t.Fatal(err)
	}
	golden(t, "quiz-80.golden", out.String())
}

// TestWriteHandout: the handout asks every question with lettered options,
// then lists the answers with their explanations.
func TestWriteHandout(t *testing.T) {
	c := quizCatalog(t)
	qs := NewQuiz(c, 6, 7)
	var b strings.Builder
	if err := WriteHandout(&b, qs, plainLayout(80, false)); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	golden(t, "handout-80.golden", got)
	questions, answersPart, ok := strings.Cut(got, "\nANSWERS\n")
	if !ok {
		t.Fatalf("no ANSWERS section:\n%s", got)
	}
	if !strings.HasPrefix(questions, "QUIZ: THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998\n") {
		t.Errorf("no title:\n%s", got)
	}
	questions, answersPart = words(questions), words(answersPart)
	for i, q := range qs {
		if !strings.Contains(questions, words(fmt.Sprintf("\n%d. %s\n", i+1, q.Prompt))) {
			t.Errorf("question %d missing", i+1)
		}
		for j, o := range q.Options {
			if !strings.Contains(questions, words(fmt.Sprintf(" %c) %s ", 'a'+j, o))) {
				t.Errorf("question %d: option %c) %q missing", i+1, 'a'+j, o)
			}
		}
		if strings.Contains(questions, words(q.Explanation)) {
			t.Errorf("question %d gives its answer away before the answers", i+1)
		}
		want := words(fmt.Sprintf("%d. %c) %s\n", i+1, 'a'+q.Answer, q.Explanation))
		if !strings.Contains(answersPart, want) {
			t.Errorf("the answers lack %q", want)
		}
	}
}
