package cli

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3";
// otherwise the module version or the VCS revision is shown.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "devel-" + s.Value[:12]
			}
		}
	}
	return "devel"
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	var prompt promptFlags
	root := &cobra.Command{
		Use:   "rightsaid",
		Short: "A human rights decision aid for restrictions in health, social care and education",
		Long: `rightsaid walks you through a restriction on what a person can do (restraint,
seclusion, a locked door, a confiscated phone, a visiting ban, a rule for a whole
ward): what it is and why, which Human Rights Act rights it engages, the red-line
screen, and the four-part test (lawful, justified, proportionate, least
restrictive). It prints a recorded rationale with a traffic light (green, amber,
red) and a review time.

It supports professional judgement and local policy. It is not legal advice.

Run with no command in a terminal to start a decision.`,
		Example: `  # Work through a decision in the terminal
  rightsaid

  # Decide from an answers file (schema rightsaid/v1) and print the rationale
  rightsaid decide --answers examples/seclusion.yaml

  # The 16 rights, and one in full
  rightsaid rights
  rightsaid rights 8`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          unknownCommand,
		RunE: func(cmd *cobra.Command, args []string) error {
			if DecideMode(f.IO, f.Env, prompt.Accessible, prompt.NoPrompt) == NonInteractive {
				cmd.SetOut(f.IO.Out)
				return cmd.Help()
			}
			// Bare rightsaid is decide with decide's defaults (it has no
			// --format of its own: the rationale is text).
			opts := &DecideOptions{Factory: f, Prompt: prompt, Output: outputFlags{Format: string(render.Text)}}
			return decideRun(cmd, opts)
		},
	}
	root.SetVersionTemplate("rightsaid {{.Version}}\n")
	root.PersistentFlags().StringVar(&f.ChecklistsDir, "checklists", "", "use the checklists in `DIR` instead of the built-in ones")
	root.PersistentFlags().StringVar(&f.RecordsDir, "records", "", "the register: a folder `DIR`, or postgres://USER@HOST/DATABASE (default: RIGHTSAID_RECORDS, or the data folder)")
	prompt.register(root)
	root.PersistentPreRun = func(cmd *cobra.Command, args []string) { f.started = true }
	root.SetFlagErrorFunc(flagError)
	root.SetUsageTemplate(usageTemplate)

	root.AddCommand(
		NewCmdDecide(f, nil),
		NewCmdCheck(f, nil),
		NewCmdRights(f),
		NewCmdKinds(f),
		NewCmdRecords(f),
		NewCmdReport(f),
		NewCmdTrain(f),
		NewCmdQuiz(f),
	)
	for _, t := range helpTopics() {
		root.AddCommand(t)
	}
	root.AddCommand(newBasesTopic(f))
	root.SetHelpCommand(newCmdHelp())
	// A command whose only arguments are its subcommands (its Use names no
	// argument: "records", not "train [SCENARIO]") refuses a word that
	// names none of them as rightsaid itself does.
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.HasSubCommands() && !strings.Contains(sub.Use, " ") {
				sub.Args = unknownCommand
			}
			walk(sub)
		}
	}
	walk(root)
	return root
}

// unknownCommand refuses words after a command that name none of its
// subcommands, with those it may have meant and the list of them.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, set only on its other path
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 && strings.TrimSpace(args[0]) != "" {
		hint = ": did you mean " + orList(s) + "?"
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	where, which := "", "The commands"
	if cmd.HasParent() {
		where, which = fmt.Sprintf(" for '%s'", cmd.CommandPath()), "The "+cmd.Name()+" commands"
	}
	return notFoundf(fmt.Sprintf("%s are %s: see '%s --help'.", which, strings.Join(names, ", "), cmd.CommandPath()),
		"unknown command %q%s%s", args[0], where, hint)
}

// flagError is a flag cobra could not read, as a usage error; a flag that
// does not exist comes with the flags it may have meant, found as
// unknownCommand finds commands.
func flagError(cmd *cobra.Command, err error) error {
	var missing *pflag.NotExistError
	if !errors.As(err, &missing) || missing.GetSpecifiedShortnames() != "" {
		return &UsageError{Err: err}
	}
	var names []string
	cmd.Flags().VisitAll(func(fl *pflag.Flag) {
		if !fl.Hidden {
			names = append(names, fl.Name)
		}
	})
	near := nearest(missing.GetSpecifiedName(), names)
	if len(near) == 0 {
		return usageErrorf("unknown flag --%s", missing.GetSpecifiedName())
	}
	for i := range near {
		near[i] = "--" + near[i]
	}
	return usageErrorf("unknown flag --%s: did you mean %s?", missing.GetSpecifiedName(), orList(near))
}

// nearest returns the names close to what was typed by the rule cobra uses
// for commands (an edit distance of at most 2, ignoring case, or a prefix),
// so a misspelt flag or kind is matched as a misspelt command is: cobra's
// suggestions are for commands, so each name stands in as one.
func nearest(typed string, names []string) []string {
	probe := &cobra.Command{SuggestionsMinimumDistance: 2}
	for _, n := range names {
		probe.AddCommand(&cobra.Command{Use: n, Run: func(*cobra.Command, []string) {}})
	}
	return probe.SuggestionsFor(typed)
}

// orList joins names as a person would: "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// newCmdHelp is `rightsaid help [command or topic]`: cobra's, except that an
// unknown command or topic is a usage error (exit 2) naming it, rather than
// the root's help and exit 0.
func newCmdHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command or topic]",
		Short: "Help about any command or topic",
		Long:  "Help for any command or topic: 'rightsaid help records due', 'rightsaid help schema'.",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, _, err := cmd.Root().Find(args)
			if err != nil || target == nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range target.Commands() {
				if c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return notFoundf("See 'rightsaid help' for the commands and help topics.", "no command or help topic %q", strings.Join(args, " "))
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// promptFlags are the flags of the commands that ask questions.
type promptFlags struct {
	Accessible bool
	NoPrompt   bool
}

func (p *promptFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&p.Accessible, "accessible", false, "ask one plain question a line, for screen readers (also ACCESSIBLE=1)")
	cmd.Flags().BoolVar(&p.NoPrompt, "no-prompt", false, "never ask questions (also RIGHTSAID_NO_PROMPT=1)")
}
