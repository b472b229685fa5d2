// Command rightsaid is a human rights decision aid for restrictions in UK
// health, social care and education services. See internal/cli.
package main

import (
	"os"

	"github.com/rightsaid/rightsaid/internal/cli"
)

func main() { os.Exit(cli.Main()) }
