package cli

import (
	"bytes"
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
					return &UsageError{Err: nerr}
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
					ids := make([]string, len(c.Kinds))
					for i, k := range c.Kinds {
						ids[i] = k.ID
					}
					return usageErrorf("%q is not a kind of restriction; the kinds are: %s", args[0], strings.Join(ids, ", "))
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
