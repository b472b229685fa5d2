package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() {
	// cobra reads its template functions when a template runs.
	cobra.AddTemplateFunc("flagUsages", flagUsages)
}

// usageTemplate is cobra's usage template, with the flags listed by
// flagUsages.
const usageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

Available Commands:{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

Additional Commands:{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{flagUsages .LocalFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{flagUsages .InheritedFlags | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Additional help topics:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

// flagUsages lists the flags as pflag does, except that a flag whose value
// may be left out reads as it is typed: pflag shows decide's --resume as
// '--resume DRAFT[="list"]', with the value it stands in for a missing one;
// here it is '--resume[=DRAFT]'. pflag lays out a copy of the flags with
// that as the name.
func flagUsages(fs *pflag.FlagSet) string {
	shown := pflag.NewFlagSet("", pflag.ContinueOnError)
	shown.SortFlags = fs.SortFlags
	fs.VisitAll(func(fl *pflag.Flag) {
		c := *fl
		if fl.NoOptDefVal != "" && fl.Value.Type() == "string" {
			name, usage := pflag.UnquoteUsage(fl)
			c.Name = fmt.Sprintf("%s[=%s]", fl.Name, name)
			// Empty back quotes name no value to show after the flag.
			c.Usage, c.NoOptDefVal = "``"+usage, ""
		}
		shown.AddFlag(&c)
	})
	return shown.FlagUsages()
}

// helpTopics are the help pages that are not commands: `rightsaid help TOPIC`.
func helpTopics() []*cobra.Command {
	topic := func(name, short, long string) *cobra.Command {
		return &cobra.Command{Use: name, Short: short, Long: long}
	}
	return []*cobra.Command{
		topic("exit-codes", "What rightsaid's exit codes mean", `Exit codes:

  0    done, whatever the light (unless --fail-on); also help
  1    failure: reading or writing a file, an internal error; 'check' found a
       stored outcome that no longer matches
  2    usage error or invalid input: a bad flag, a file that fails validation
       (each problem is named with its file, line and field), end of input in
       accessible mode before the last question
  3    --fail-on reached: the worst light is at or worse than the one named
  130  you quit the wizard or pressed Ctrl-C (the draft is kept)

Where several apply, the first in the order 2, 1, 3 wins.`),
		topic("environment", "Environment variables rightsaid reads", `Environment variables:

  ACCESSIBLE=1           ask one plain question a line, for screen readers
                         (any value but empty or 0; same as --accessible)
  RIGHTSAID_NO_PROMPT=1  never ask questions (same as --no-prompt)
  RIGHTSAID_RECORDS=DIR  the register: a folder, or postgres://USER@HOST/DB
                         (same as --records)
  NO_COLOR=1             no colour, anywhere
  TERM=dumb              in a terminal, ask in the accessible line mode
  TZ=Area/City           the zone times are shown in (default Europe/London);
                         records keep UTC
  XDG_DATA_HOME          on Linux, where the data folder lives
                         (default ~/.local/share/rightsaid)`),
		topic("accessibility", "Using rightsaid with a screen reader or without a full-screen terminal", `rightsaid has an accessible mode: the same questions as the full-screen wizard,
asked one plain line at a time on stderr, with the choices numbered and named,
no colour and no cursor movement. It ends with the same record.

Turn it on with --accessible, or ACCESSIBLE=1 in the environment; it is also
used when TERM=dumb. It reads answers from stdin, so it can be scripted:

  rightsaid decide --accessible < answers.txt

How to answer:
  - a choice: type its number or its name; ?3 explains choice 3
  - several choices (the rights): numbers or names separated by commas, or
    'each' to be asked yes or no for each; Enter keeps the ticked ones
  - text of several lines: end it with a line holding only a full stop (.)
  - Enter keeps an answer already given
An answer that does not fit is asked again, with the reason. If the input ends
before the last question, rightsaid stops with exit 2 and keeps the answers as a
draft ('rightsaid decide --resume' carries on).`),
		topic("schema", "The decision file: schema rightsaid/v1", `A decision file is one YAML document, schema rightsaid/v1. The same schema is
the answers file you give to 'decide --answers' and the record rightsaid
writes (the answers plus id, recorded_at, outcome and rationale).

  schema: rightsaid/v1                 required
  recorded_at: 2026-11-23T14:02:00Z    optional (default: now)
  decided_by: {name: "", role: "Nurse in charge"}
  setting: mental-health-inpatient     required; see the list below
  unit: Ward 7                         optional: the ward, home or team
  nation: england                      england | wales | scotland | northern-ireland
  person:
    ref: P-0412                        required; a pseudonymous reference, never a name
    age: adult                         required; adult | child
    capacity: has                      required; has | lacks | unknown (for this decision)
    objects: "no"                      yes | no | unsure (default no)
  views:
    person: "..."                      the person's own views, in their words
    others: "..."                      family, carer, advocate: who and what they said
  restriction:
    kind: seclusion                    required; see 'rightsaid kinds'
    description: "..."                 required
    reason: "..."                      required: the harm it prevents
    stage: proposed                    required; proposed | in-place | past
    scope: individual                  individual | group | everyone
    blanket_justification: "..."       for a group or everyone: why a rule for all
    emergency: "no"                    yes | no
    ongoing: "no"                      yes | no
    duration: 2h                       planned (or actual) duration
  screen:                              required, all five: yes | no | unsure
    degrading: "no"
    risk_to_life: "no"
    discriminatory: "no"
    punitive: "no"
    deprivation_of_liberty: "no"
  rights:                              the rights it engages: article ids
    - article: "8"                     2 3 4 5 6 7 8 9 10 11 12 14 P1-1 P1-2 P1-3 P13-1
      note: "..."
  protects:                            rights the restriction protects
    - "2"
  test:                                required: the four answers
    lawful:            {answer: "yes", basis: [mha-1983-detention], note: "..."}
    justified:         {answer: "yes", note: "..."}
    proportionate:     {answer: "yes", note: "..."}
    least_restrictive: {answer: "yes", alternatives: ["de-escalation"], note: "..."}
  review:
    within: 2h                         or  at: 2026-11-23T16:02:00Z (not both)
    by: "Nurse in charge"

Forgiving where people write the same thing many ways: values ignore case and
surrounding spaces; true and false mean yes and no; articles may be written
"Article 8", "art 8", "P1A1" or "Protocol 1 Article 1"; durations as 90m, 2h,
1d12h, 2w or ISO 8601 (PT2H, P3D); a single string may stand for a list.

Strict where a mistake would change a record: unknown keys, duplicate keys, an
article listed twice, unknown ids and missing required fields are errors,
each named with its file, line and field (exit 2).

The settings: mental-health-inpatient, learning-disability-autism-inpatient,
acute-hospital, care-home, supported-living, community, school, special-school,
childrens-home, secure-childrens-home, other.

test.lawful.basis takes the ids listed by 'rightsaid help bases', or free text
(allowed, but noted in the advice: rightsaid cannot check it).`),
	}
}

// newBasesTopic is the help topic listing the legal bases, read from the
// checklists in use.
func newBasesTopic(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bases",
		Short: "The legal bases a decision may cite, and what each covers",
	}
	cmd.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		w := f.IO.Out
		c, err := f.Catalog()
		if err != nil {
			fmt.Fprintln(f.IO.ErrOut, err)
			return
		}
		fmt.Fprint(w, `The legal bases (test.lawful.basis). "power" means it can authorise a
restriction; "DoL" that it can authorise a deprivation of liberty. A basis
fits a decision when the nation, setting, age and capacity match.

`)
		for _, b := range c.Bases {
			flags := []string{}
			if b.Power {
				flags = append(flags, "power")
			} else {
				flags = append(flags, "not a power")
			}
			if b.AuthorisesDeprivationOfLiberty {
				flags = append(flags, "DoL")
			}
			fmt.Fprintf(w, "%s\n    %s\n    %s; nations: %s; ages: %s; capacity: %s; settings: %s\n",
				b.ID, b.Title, strings.Join(flags, ", "), strings.Join(b.Nations, ", "), b.Ages, b.Capacity, b.Settings)
		}
	})
	return cmd
}
