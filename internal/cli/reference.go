package cli

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/spf13/cobra"
)

// NewCmdRights builds `rightsaid rights [ARTICLE]`.
func NewCmdRights(f *Factory) *cobra.Command {
	var (
		out       outputFlags
		presenter bool
	)
	cmd := &cobra.Command{
		Use:   "rights [ARTICLE]",
		Short: "The 16 Human Rights Act rights: the reference card, or one right in full",
		Long: `The 16 rights of the Human Rights Act 1998, grouped as absolute, limited,
qualified and ancillary, or one right in full: what it means in plain words,
the aims for which it may be limited, and examples from practice.

ARTICLE may be written as 8, "Article 8", P1-1, A1P1 or "Protocol 1 Article 1".

--presenter shows the card for a projector: as wide as the terminal (in two
columns on a wide one) and, where it is longer than the screen, a screen at a
time: space or Enter for the next, q to quit. In a file or a pipe it is
written at once, 80 columns wide (or COLUMNS).`,
		Example: `  rightsaid rights
  rightsaid rights 8
  rightsaid rights "protocol 1 article 2"
  rightsaid rights --presenter
  rightsaid rights --format json`,
		Args: maxOneArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, c, err := referenceSetup(f, &out)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			switch {
			case presenter && len(args) == 0 && format == render.Text:
				// As wide as the screen, and a screen at a time where it
				// does not fit.
				tty := f.IO.StdoutTTY && out.Out == ""
				l := f.layout(f.screenOf(f.IO.Out, tty), tty, true)
				if err := render.WriteRightsPresenter(f.colorWriter(&b, tty), c, l.Width, l.Styles); err != nil {
					return err
				}
				return f.writePaged(&out, true, b.Bytes())
			case len(args) == 0:
				err = render.WriteRights(&b, format, c)
			default:
				id, nerr := catalog.NormaliseArticle(args[0])
				if nerr != nil {
					return notARight(args[0], nerr)
				}
				r, _ := c.Right(id)
				err = render.WriteRight(&b, format, c, r)
			}
			if err != nil {
				return err
			}
			return out.write(f, b.Bytes())
		},
	}
	out.register(cmd, "text, markdown, yaml or json")
	cmd.Flags().BoolVar(&presenter, "presenter", false, "the reference card for a projector: large spacing, high contrast")
	return cmd
}

// NewCmdKinds builds `rightsaid kinds [KIND]`.
func NewCmdKinds(f *Factory) *cobra.Command {
	var out outputFlags
	cmd := &cobra.Command{
		Use:   "kinds [KIND]",
		Short: "The kinds of restriction, with the rights each usually engages and its review interval",
		Long: `The kinds of restriction rightsaid knows, with their intensity, their default
review interval and the rights each usually engages; or one kind in full, with
the less restrictive options to consider and its safeguards.`,
		Example: `  rightsaid kinds
  rightsaid kinds seclusion
  rightsaid kinds --format yaml`,
		Args: maxOneArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, c, err := referenceSetup(f, &out)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if len(args) == 0 {
				err = render.WriteKinds(&b, format, c)
			} else {
				k, ok := c.Kind(strings.ToLower(strings.TrimSpace(args[0])))
				if !ok {
					return notAKind(c, args[0])
				}
				err = render.WriteKind(&b, format, c, k)
			}
			if err != nil {
				return err
			}
			return out.write(f, b.Bytes())
		},
	}
	out.register(cmd, "text, markdown, yaml or json")
	return cmd
}

// notInTheAct says why an article of the Convention that people look for is
// not one of the Act's 16 rights (DOMAIN.md section 1), by its number.
var notInTheAct = map[string]string{
	"13": "Article 13, the right to an effective remedy, is left out because the Act itself provides the remedies",
	"16": articles16to18,
	"17": articles16to18,
	"18": articles16to18,
}

const articles16to18 = "Articles 16 to 18 (political activity of aliens, abuse of rights, limits on restrictions) are not rights of their own; the Act reads the 16 rights with them"

// articleNumber is an article written by its number alone: 13, "Article
// 13", "art. 13".
var articleNumber = regexp.MustCompile(`^(?:art(?:icle)?\.?\s*)?0*([0-9]+)$`)

// notARight is the error for an ARTICLE that is not one of the 16 rights:
// why, where the Act leaves out an article on purpose, and where to find
// the 16. It is not a mistake in how the command was used.
func notARight(arg string, err error) error {
	const see = "See 'rightsaid rights' for the 16 rights."
	arg = strings.TrimSpace(arg)
	if m := articleNumber.FindStringSubmatch(strings.ToLower(arg)); m != nil {
		if why, ok := notInTheAct[m[1]]; ok {
			return notFoundf(see, "%q is not one of the 16 rights of the Human Rights Act: %s", arg, why)
		}
	}
	return &UsageError{Err: err, See: see}
}

// notAKind is the error for a KIND that names none: the kinds it may mean
// (a near spelling, or those with the word in their id: "restraint"), or
// else all of them, and where to read about each.
func notAKind(c *catalog.Catalog, arg string) error {
	const see = "See 'rightsaid kinds' for the kinds of restriction and what each covers."
	typed := strings.ToLower(strings.TrimSpace(arg))
	ids := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		ids[i] = k.ID
	}
	var near []string
	if typed != "" {
		near = nearest(typed, ids)
		for _, id := range ids {
			if slices.Contains(strings.Split(id, "-"), typed) && !slices.Contains(near, id) {
				near = append(near, id)
			}
		}
	}
	if len(near) > 0 {
		return notFoundf(see, "%q is not a kind of restriction: did you mean %s?", arg, orList(near))
	}
	return notFoundf(see, "%q is not a kind of restriction; the kinds are: %s", arg, strings.Join(ids, ", "))
}

func referenceSetup(f *Factory, out *outputFlags) (render.Format, *catalog.Catalog, error) {
	format, err := render.ParseFormat(out.Format)
	if err != nil {
		return "", nil, &UsageError{Err: err}
	}
	if _, err := out.now(f); err != nil {
		return "", nil, err
	}
	c, err := f.Catalog()
	return format, c, err
}

func maxOneArg(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usageErrorf("%s takes at most one argument, got %d", cmd.CommandPath(), len(args))
	}
	return nil
}
