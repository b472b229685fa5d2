// Command huhform is the baseline for the wizard's first screen: a minimal
// cobra command that shows a one-field huh v2 form, built the same way as
// rightsaid.
package main

import (
	"os"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"
)

func main() {
	var name string
	cmd := &cobra.Command{
		Use: "huhform",
		RunE: func(cmd *cobra.Command, args []string) error {
			return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Your role").Value(&name))).
				WithAccessible(false).WithOutput(os.Stderr).Run()
		},
		SilenceUsage: true,
	}
	if err := cmd.Execute(); err != nil {
		os.Exit(1)
	}
}
