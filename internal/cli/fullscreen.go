package cli

import (
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/wizard"
)

// fullScreenUI is the full-screen wizard, drawn on stderr.
type fullScreenUI struct{ opts wizard.Options }

func newFullScreenUI(f *Factory, c *catalog.Catalog, loc *time.Location) fullScreenUI {
	opts := wizard.Options{Catalog: c, Loc: loc, Now: f.Now, In: f.IO.In, Out: f.IO.ErrOut}
	if f.Env.set("NO_COLOR") {
		p := colorprofile.Ascii
		opts.Profile = &p
	}
	return fullScreenUI{opts: opts}
}

func (u fullScreenUI) Run(d *decision.Decision, start int, hooks wizard.Hooks) (wizard.Result, error) {
	u.opts.Hooks = hooks
	return wizard.Run(u.opts, d, start)
}

func (u fullScreenUI) Choose(title string, options []wizard.Option) (int, error) {
	return wizard.Choose(u.opts, title, options)
}
