package cli

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/rightsaid/rightsaid/internal/training"
	"github.com/spf13/cobra"
)

// defaultRounds is the number of questions in a quiz.
const defaultRounds = 10

// NewCmdQuiz builds `rightsaid quiz`.
func NewCmdQuiz(f *Factory) *cobra.Command {
	var (
		prompt    promptFlags
		out       outputFlags
		rounds    int
		seed      uint64
		presenter bool
	)
	cmd := &cobra.Command{
		Use:   "quiz",
		Short: "A short quiz on the 16 rights, with feedback on each answer and a score",
		Long: `A short quiz on the 16 Human Rights Act rights: name the right a situation
engages, say whether a right is absolute, limited, qualified or ancillary, and
name a right's article. Each answer gets feedback; the score comes at the end.

The same --seed gives the same questions, so a workshop can repeat a quiz.
Without it, rightsaid picks a seed from 1 to 9999 and says it at the start.
Where rightsaid cannot ask questions (a pipe, --no-prompt), it prints the quiz
as a handout with the answers at the end.`,
		Example: `  rightsaid quiz
  rightsaid quiz --rounds 5 --seed 42 --presenter
  rightsaid quiz --no-prompt --seed 42 --out quiz.txt`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if rounds < 1 || rounds > 100 {
				return usageErrorf("--rounds %d: give between 1 and 100", rounds)
			}
			now, err := out.now(f)
			if err != nil {
				return err
			}
			c, err := f.Catalog()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("seed") {
				seed = defaultSeed(now)
			}
			qs := training.NewQuiz(c, rounds, seed)
			mode := DecideMode(f.IO, f.Env, prompt.Accessible, prompt.NoPrompt)
			if mode == NonInteractive {
				var b bytes.Buffer
				l := f.layout(f.screenOf(f.IO.Out, f.IO.StdoutTTY && out.Out == ""), false, presenter)
				if err := training.WriteHandout(&b, qs, l); err != nil {
					return err
				}
				return out.write(f, b.Bytes())
			}
			repeat := fmt.Sprintf("rightsaid quiz --seed %d", seed)
			if rounds != defaultRounds {
				repeat += fmt.Sprintf(" --rounds %d", rounds)
			}
			questions := "questions"
			if rounds == 1 {
				questions = "question"
			}
			fmt.Fprintf(f.IO.ErrOut, "A quiz on the 16 rights: %d %s.\nTo repeat it: %s\n", rounds, questions, repeat)
			// The quiz is asked on stderr, wrapped to its width; colour only
			// in the full-screen mode.
			color := mode == FullScreen
			l := f.layout(f.screenOf(f.IO.ErrOut, f.IO.StderrTTY), color, presenter)
			score, err := training.Play(f.IO.In, f.colorWriter(f.IO.ErrOut, color), qs, l)
			if errors.Is(err, training.ErrQuizEnded) {
				// The command was right; the answers ran out (exit 2).
				return &InputEndedError{Msg: fmt.Sprintf("the input ended before the last question (score so far %d)", score)}
			}
			if err != nil {
				return err
			}
			// The score is said once: in words where the person reads
			// stdout; otherwise in words on stderr, and as a line for the
			// file or the pipe.
			said := fmt.Sprintf("You scored %d out of %d.\n", score, len(qs))
			if f.IO.StdoutTTY && out.Out == "" {
				return out.write(f, []byte("\n"+said))
			}
			fmt.Fprint(f.IO.ErrOut, "\n"+said)
			return out.write(f, []byte(fmt.Sprintf("score: %d/%d\n", score, len(qs))))
		},
	}
	prompt.register(cmd)
	out.register(cmd, "text")
	cmd.Flags().IntVar(&rounds, "rounds", defaultRounds, "the number of questions")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "the `SEED` that picks the questions (the same seed, the same quiz; default: from 1 to 9999, picked by the clock)")
	cmd.Flags().BoolVar(&presenter, "presenter", false, "a high-contrast, large-spacing look for a projector")
	return cmd
}

// maxDefaultSeed is the largest seed picked by the clock: a number short
// enough to read out to a room.
const maxDefaultSeed = 9999

// defaultSeed is the seed of a quiz given no --seed: from 1 to
// maxDefaultSeed, from the clock (--now fixes it).
func defaultSeed(now time.Time) uint64 {
	n := now.Unix() % maxDefaultSeed
	if n < 0 {
		n += maxDefaultSeed
	}
	return uint64(n) + 1
}
