package cli

import (
	"bytes"
	"errors"
	"fmt"

	"os"

	"github.com/charmbracelet/colorprofile"
	"github.com/rightsaid/rightsaid/internal/training"
	"github.com/spf13/cobra"
)

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
				seed = uint64(now.UnixNano())
			}
			qs := training.NewQuiz(c, rounds, seed)
			mode := DecideMode(f.IO, f.Env, prompt.Accessible, prompt.NoPrompt)
			if mode == NonInteractive {
				var b bytes.Buffer
				if err := training.WriteHandout(&b, qs); err != nil {
					return err
				}
				return out.write(f, b.Bytes())
			}
			fmt.Fprintf(f.IO.ErrOut, "A quiz on the 16 rights: %d questions (seed %d: give --seed %d to repeat it).\n", rounds, seed, seed)
			color := mode == FullScreen && !f.Env.set("NO_COLOR")
			styles := f.layout(color, presenter).Styles
			style := func(right bool, s string) string {
				if presenter {
					s = "\n" + s + "\n"
				}
				if !color {
					return s
				}
				if right {
					return styles.Progress.Render(s)
				}
				return styles.Error.Render(s)
			}
			w := colorprofile.NewWriter(f.IO.ErrOut, os.Environ())
			if !color {
				w.Profile = colorprofile.NoTTY
			}
			score, err := training.Play(f.IO.In, w, qs, style)
			if errors.Is(err, training.ErrQuizEnded) {
				return &UsageError{Err: fmt.Errorf("the input ended before the last question (score so far %d)", score)}
			}
			if err != nil {
				return err
			}
			return out.write(f, []byte(fmt.Sprintf("score: %d/%d\n", score, len(qs))))
		},
	}
	prompt.register(cmd)
	out.register(cmd, "text")
	cmd.Flags().IntVar(&rounds, "rounds", 10, "the number of questions")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "the `SEED` that picks the questions (the same seed, the same quiz)")
	cmd.Flags().BoolVar(&presenter, "presenter", false, "a high-contrast, large-spacing look for a projector")
	return cmd
}
