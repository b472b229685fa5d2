package wizard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/theme"
)

// Options configure the full-screen wizard.
type Options struct {
	Catalog *catalog.Catalog
	Loc     *time.Location
	Now     func() time.Time
	Hooks   Hooks

	// In and Out are the keyboard and the screen (stderr: stdout is kept for
	// the result).
	In  io.Reader
	Out io.Writer
	// Width and Height fix the screen size (tests); zero asks the terminal.
	Width, Height int
	// Profile fixes the colour profile (tests, NO_COLOR); nil detects it.
	Profile *colorprofile.Profile
	// Dark fixes the background (tests); nil asks the terminal.
	Dark *bool
	// AllowIdentifiers accepts an NHS or CHI number as the person's
	// reference (see [AllowIdentifiers]).
	AllowIdentifiers bool
}

// screen is what the full-screen wizard shows.
type screen int

const (
	screenQuestion screen = iota
	screenSummary
	screenChooseStep
	screenConfirmQuit
	screenConfirmDiscard
)

// maxContentWidth keeps lines readable on a very wide terminal.
const maxContentWidth = 110

// binding holds the answer a form field edits, until the step is done.
type binding struct {
	q      *Question
	value  string   // Choice, Line, Lines
	values []string // Choices
	other  string   // typed entries of a Choices question with Other
	// field is the question's main field (its list, or its input); first is
	// the field its form opens on. Both are nil until the question is shown.
	field, first huh.Field
	// passed is set once the question has been left with Enter.
	passed bool
	// shown is how many lines of a list fit on the screen; options is how
	// many there are; unasked is 1 when the first is "choose an answer",
	// which is no option.
	shown, options, unasked int
	// doubted is the answer the question last doubted (see Question.Warn).
	doubted string
}

// values returns the answer in the form Question.Set takes.
func (b *binding) answer() []string {
	switch b.q.Kind {
	case Choices:
		out := slices.Clone(b.values)
		if b.q.Other {
			out = append(out, splitList(b.other)...)
		}
		return out
	default:
		return one(b.value)
	}
}

// model is the full-screen wizard: one question a screen, grouped in steps,
// then the summary.
type model struct {
	opts   Options
	styles theme.Styles
	keys   keyMap
	steps  []Step
	d      *decision.Decision

	step   int // len(steps) is the summary
	screen screen
	back   screen // the screen a confirmation returns to
	// form asks one question, bindings[cur]: only the question on the
	// screen is built, because huh draws every field of a form several
	// times while it puts the form together.
	form     *huh.Form
	bindings []*binding
	cur      int
	startCmd tea.Cmd // starts the first screen's form
	// opened is the decision as the wizard opened it (canonical form), to
	// tell whether anything has been answered since.
	opened []byte
	// goingBack is set while a question is left backwards: see validate.
	goingBack bool
	summary   viewport.Model
	huhTheme  huh.Theme

	width, height int
	toSummary     bool // the step was opened from the summary: return there
	quit          bool
	result        Result
	err           error
}

type keyMap struct {
	Quit, Back, Save, Edit, Discard, Yes, No key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (answers kept)")),
		Back:    key.NewBinding(key.WithKeys("esc", "shift+tab"), key.WithHelp("esc", "back")),
		Save:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "change a step")),
		Discard: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discard")),
		Yes:     key.NewBinding(key.WithKeys("y", "Y")),
		No:      key.NewBinding(key.WithKeys("n", "N", "esc")),
	}
}

// Run runs the full-screen wizard on d, starting at step start (len(Steps)
// opens the summary). It returns ErrQuit when the practitioner quits.
func Run(opts Options, d *decision.Decision, start int) (Result, error) {
	m := newModel(opts, d, start)
	progOpts := []tea.ProgramOption{tea.WithInput(opts.In), tea.WithOutput(opts.Out), tea.WithoutSignalHandler()}
	if opts.Width > 0 && opts.Height > 0 {
		progOpts = append(progOpts, tea.WithWindowSize(opts.Width, opts.Height))
	}
	if opts.Profile != nil {
		progOpts = append(progOpts, tea.WithColorProfile(*opts.Profile))
	}
	final, err := tea.NewProgram(m, progOpts...).Run()
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) {
			return Result{}, ErrQuit
		}
		return Result{}, err
	}
	fm := final.(*model)
	switch {
	case fm.err != nil:
		return Result{}, fm.err
	case fm.quit:
		return Result{}, ErrQuit
	}
	return fm.result, nil
}

func newModel(opts Options, d *decision.Decision, start int) *model {
	dark := true
	if opts.Dark != nil {
		dark = *opts.Dark
	}
	m := &model{
		opts:   opts,
		styles: theme.New(dark),
		keys:   newKeyMap(),
		steps:  Steps(opts.Catalog, opts.Loc, AllowIdentifiers(opts.AllowIdentifiers)),
		d:      d,
		width:  cmpOr(opts.Width, 80),
		height: cmpOr(opts.Height, 24),
		// huh asks its theme for the styles on every draw of every option;
		// building them once keeps a screen quick to draw.
		huhTheme: newCachedTheme(huh.ThemeBase16),
	}
	m.opened = decision.Canonical(d)
	m.startCmd = m.enterStep(start, false)
	if m.screen == screenQuestion && m.begun() {
		// Carrying on a step begun before: at the question it stopped at.
		if cmd := m.openMissing(); cmd != nil {
			m.startCmd = cmd
		}
	}
	return m
}

func cmpOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Init asks the terminal for its background, so the colours suit it.
func (m *model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Dark == nil {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	cmds = append(cmds, m.startCmd)
	return tea.Batch(cmds...)
}

// enterStep shows step i at its first question that applies (at its last
// when fromEnd, as going back does), or the summary after the last step. It
// returns the command that starts the question's form.
func (m *model) enterStep(i int, fromEnd bool) tea.Cmd {
	m.step = i
	if i >= len(m.steps) {
		m.step = len(m.steps)
		m.screen = screenSummary
		m.form = nil
		m.refreshSummary()
		return nil
	}
	s := m.steps[i]
	if s.Prefill != nil {
		s.Prefill(m.d)
	}
	m.screen = screenQuestion
	m.bind(s)
	q := m.nextAsked(-1)
	if fromEnd {
		q = m.prevAsked(len(m.bindings))
	}
	if q < 0 {
		// Nothing in this step applies to this decision: pass it by.
		if fromEnd && i > 0 {
			return m.enterStep(i-1, true)
		}
		return m.finishStep()
	}
	return m.openQuestion(q)
}

// contentWidth is the width the questions and the summary use.
func (m *model) contentWidth() int { return min(m.width, maxContentWidth) }

// chrome is the number of lines the header and footer take.
const chrome = 4

// bind reads the decision's current answers to a step's questions into
// bindings, which hold them while the step is answered.
func (m *model) bind(s Step) {
	m.bindings = nil
	for qi := range s.Questions {
		q := &s.Questions[qi]
		b := &binding{q: q}
		cur := q.Get(m.d)
		if q.Kind == Choices {
			opts := q.Options(m.d)
			for _, v := range cur {
				if slices.ContainsFunc(opts, func(o Option) bool { return o.Value == v }) {
					b.values = append(b.values, v)
				} else if q.Other {
					b.other = strings.Join(append(splitList(b.other), v), "; ")
				}
			}
		} else {
			b.value = first(cur)
		}
		m.bindings = append(m.bindings, b)
	}
}

// enterMissing opens the first step with a required answer missing, at
// that question rather than the step's first.
func (m *model) enterMissing() tea.Cmd {
	cmd := m.enterStep(FirstUnanswered(m.steps, m.d), false)
	if m.screen != screenQuestion {
		return cmd
	}
	if open := m.openMissing(); open != nil {
		return open
	}
	return cmd
}

// openMissing opens the step's first required question that is not
// answered, when it is not the one open; nil when there is none.
func (m *model) openMissing() tea.Cmd {
	d := m.scratch()
	for i, b := range m.bindings {
		if b.q.Required && b.q.Asked(d) && len(cleanList(b.answer())) == 0 {
			if i != m.cur {
				return m.openQuestion(i)
			}
			return nil
		}
	}
	return nil
}

// begun reports whether the step was begun before: something typed or
// ticked in it. (A single choice may hold a default an answers file gives,
// which is not a sign that anyone got this far.)
func (m *model) begun() bool {
	return slices.ContainsFunc(m.bindings, func(b *binding) bool {
		return b.q.Kind != Choice && len(cleanList(b.q.Get(m.d))) > 0
	})
}

// nextAsked is the index of the step's first question after i that applies,
// given the answers so far; -1 when there is none.
func (m *model) nextAsked(i int) int {
	d := m.scratch()
	for j := i + 1; j < len(m.bindings); j++ {
		if m.bindings[j].q.Asked(d) {
			return j
		}
	}
	return -1
}

// prevAsked is the index of the step's last question before i that applies;
// -1 when there is none.
func (m *model) prevAsked(i int) int {
	d := m.scratch()
	for j := min(i, len(m.bindings)) - 1; j >= 0; j-- {
		if m.bindings[j].q.Asked(d) {
			return j
		}
	}
	return -1
}

// openQuestion shows the step's question i in a form of its own.
func (m *model) openQuestion(i int) tea.Cmd {
	m.cur = i
	b := m.bindings[i]
	fields := m.fields(b)
	b.first = fields[0]
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithDisabled())        // ctrl+c is handled here: it asks first
	km.Text.Editor = key.NewBinding(key.WithDisabled()) // never drop a nurse into $EDITOR
	m.form = huh.NewForm(huh.NewGroup(fields...)).
		WithAccessible(false). // huh turns it on by itself under TERM=dumb
		WithShowHelp(false).   // the wizard's own footer names the keys
		WithKeyMap(km).
		WithTheme(m.huhTheme)
	m.form.Update(tea.WindowSizeMsg{Width: m.contentWidth(), Height: max(m.height-chrome, 8)})
	return m.form.Init()
}

// scratch is the decision with the answers of the current step applied, for
// deciding which questions apply and validating answers as they are typed.
func (m *model) scratch() *decision.Decision {
	d := *m.d
	for _, b := range m.bindings {
		_ = b.q.Set(&d, b.answer()) // an invalid answer is reported by its field
	}
	return &d
}

// validate checks one binding's answer as Set would read it.
func (m *model) validate(b *binding) error {
	if m.goingBack {
		// huh validates a field as it leaves it, and will not go back
		// from one with an error: it blurs the field and stays, with no
		// field focused. Going back never needs an answer.
		return nil
	}
	d := m.scratch()
	if err := b.q.Set(d, b.answer()); err != nil {
		return m.refusal(err.Error())
	}
	if w := b.q.doubt(b.answer(), &b.doubted); w != "" {
		return m.refusal(w + ": press Enter again to keep it")
	}
	return nil
}

// refusal is a refusal as the screen shows it under the question: huh puts
// " * " before it and wraps it flush left, so it is wrapped here, each
// line after the first under the first's text.
func (m *model) refusal(msg string) error {
	const mark = "   " // as wide as huh's " * "
	wrapped := ansi.Wordwrap(msg, m.contentWidth()-len(mark)-1, "")
	return errors.New(strings.ReplaceAll(wrapped, "\n", "\n"+mark))
}

// example is a question's example answer as its input shows it before
// anything is typed: marked as an example, so that even without colour it
// cannot be taken for an answer (Enter leaves the answer blank).
func example(s string) string {
	if s == "" {
		return ""
	}
	return "e.g. " + s
}

// quitHelp is the footer's word on ctrl+c: the answers are kept only where
// drafts are.
func (m *model) quitHelp() string {
	if m.opts.Hooks.StepDone == nil {
		return "ctrl+c quit"
	}
	return "ctrl+c quit (answers kept)"
}

// noAnswerYet is the first line of a required choice not yet answered,
// where the cursor starts.
const noAnswerYet = "— choose an answer —"

// fields builds the huh fields of a question.
func (m *model) fields(b *binding) []huh.Field {
	q := b.q
	b.field = nil
	title, desc := m.heading(q)
	switch q.Kind {
	case Choice:
		opts := q.Options(m.d)
		hopts := make([]huh.Option[string], 0, len(opts)+1)
		b.unasked = 0
		if b.value == "" && q.Required {
			// The cursor starts on no answer: Enter never answers a
			// required question (lawful? degrading?) for the practitioner.
			hopts = append(hopts, huh.NewOption(noAnswerYet, ""))
			b.unasked = 1
		}
		for _, o := range opts {
			hopts = append(hopts, huh.NewOption(m.fit(o.Label), o.Value))
		}
		if b.value == "" && !q.Required && len(opts) > 0 {
			b.value = opts[0].Value
		}
		sel := themed(m.huhTheme, huh.NewSelect[string]()).Title(title).Description(desc).Options(hopts...).Value(&b.value).
			Height(m.fieldHeight(b, title, desc, len(hopts))).
			Validate(func(string) error { return m.validate(b) })
		b.field = sel
		return []huh.Field{sel}
	case Choices:
		opts := q.Options(m.d)
		hopts := make([]huh.Option[string], len(opts))
		for i, o := range opts {
			hopts[i] = huh.NewOption(m.fit(o.Label), o.Value).Selected(slices.Contains(b.values, o.Value))
		}
		out := []huh.Field{}
		if len(opts) > 0 {
			ms := themed(m.huhTheme, huh.NewMultiSelect[string]()).Title(title).Description(desc).Options(hopts...).Value(&b.values).
				Height(m.fieldHeight(b, title, desc, len(opts))).Filterable(false).
				Validate(func([]string) error { return m.validate(b) })
			b.field = ms
			out = append(out, ms)
		}
		if q.Other {
			label := "Other (separate several with ;)"
			if len(opts) == 0 {
				label = title
			}
			in := themed(m.huhTheme, huh.NewInput()).Title(label).Value(&b.other).Validate(func(string) error { return m.validate(b) })
			if b.field == nil {
				b.field = in
			}
			out = append(out, in)
		}
		return out
	case Lines:
		t := themed(m.huhTheme, huh.NewText()).Title(title).Description(desc).Value(&b.value).Lines(4).
			Validate(func(string) error { return m.validate(b) })
		b.field = t
		return []huh.Field{t}
	default:
		in := themed(m.huhTheme, huh.NewInput()).Title(title).Description(desc).Value(&b.value).Placeholder(example(q.Placeholder)).
			Validate(func(string) error { return m.validate(b) })
		b.field = in
		return []huh.Field{in}
	}
}

// fieldHeight is the height of a list field: its title and description,
// wrapped to the width, and as many options as fit (all of them when they
// do) with room left under the list for the help of the option under the
// cursor, so a question is never cut off and a long list scrolls. It notes
// on b how many options show.
func (m *model) fieldHeight(b *binding, title, desc string, options int) int {
	w := m.contentWidth() - 2 // the field's left border
	head := lipgloss.Height(wrapText(title, w))
	if desc != "" {
		head += lipgloss.Height(wrapText(desc, w))
	}
	room := m.height - chrome - 1 - head - m.helpRoom(b.q)
	if b.q.Kind == Choices && b.q.Other {
		room -= 3 // the typed entries under the list: a gap, a title, a line
	}
	b.options, b.shown = options, min(options, max(room, 3))
	if b.shown < options {
		room-- // the line that says the list scrolls
		b.shown = min(options, max(room, 3))
	}
	return head + b.shown
}

// maxHelpLines bounds the room kept for an option's help: a longer help is
// cut rather than the list made too short to use.
const maxHelpLines = 4

// helpRoom is the lines kept under a list for the help of the option under
// the cursor (a right's summary, a kind's definition, a basis's limits): the
// longest, wrapped, and the blank line before it.
func (m *model) helpRoom(q *Question) int {
	most := 0
	for _, o := range q.Options(m.d) {
		if help := m.optionHelp(o); help != "" {
			most = max(most, lipgloss.Height(wrapText(help, m.contentWidth()-2)))
		}
	}
	if most == 0 {
		return 0
	}
	return min(most, maxHelpLines) + 1
}

// optionHelp is what is shown of an option as the cursor moves over it: its
// help, led by its whole label when the list shows it shortened.
func (m *model) optionHelp(o Option) string {
	help := o.Help
	if m.fit(o.Label) != o.Label {
		help = strings.TrimSpace(o.Label + ". " + help)
	}
	return render.Clean(help)
}

// heading is a question's title (marked * when required) and help,
// wrapped to the screen here: huh's own wrapping drops the character where
// a line breaks at a comma or semicolon that ends exactly at the edge.
func (m *model) heading(q *Question) (title, desc string) {
	title = q.Title
	if q.Required {
		title += " *"
	}
	width := m.contentWidth() - 3 // the field's border, and one to spare
	return ansi.Wordwrap(title, width, ""), ansi.Wordwrap(q.Help, width, "")
}

// layoutFields sets the fields' headings and the lists' heights for the
// screen's size.
func (m *model) layoutFields() {
	for _, b := range m.bindings {
		title, desc := m.heading(b.q)
		switch f := b.field.(type) {
		case *huh.Select[string]:
			f.Title(title).Description(desc).Height(m.fieldHeight(b, title, desc, b.options))
		case *huh.MultiSelect[string]:
			f.Title(title).Description(desc).Height(m.fieldHeight(b, title, desc, b.options))
		case *huh.Input:
			if b.q.Kind != Choices { // a Choices question's input is its "Other" line
				f.Title(title).Description(desc)
			}
		case *huh.Text:
			f.Title(title).Description(desc)
		}
	}
}

// fit shortens an option's label to one line of the screen (huh wraps a
// longer one badly); the whole label shows under the list as the cursor
// moves over it.
func (m *model) fit(label string) string {
	width := m.contentWidth() - 8 // the border, the cursor and the tick
	r := []rune(label)
	if len(r) <= width || width < 10 {
		return label
	}
	return string(r[:width-1]) + "…"
}

// applyStep reads the step's answers into the decision.
func (m *model) applyStep() error {
	for _, b := range m.bindings {
		if !b.q.Asked(m.scratch()) {
			_ = b.q.Set(m.d, nil) // an answer to a question that no longer applies is dropped
			continue
		}
		if err := b.q.Set(m.d, b.answer()); err != nil {
			return fmt.Errorf("%s: %w", b.q.Title, err)
		}
	}
	return nil
}

// keep saves the draft through the caller's hook.
func (m *model) keep() error {
	if m.opts.Hooks.StepDone == nil {
		return nil
	}
	return m.opts.Hooks.StepDone(m.d)
}

// Update handles keys and the form's progress.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.summary.SetWidth(m.contentWidth())
		m.summary.SetHeight(max(m.height-chrome-2, 3))
		if m.form != nil {
			m.layoutFields()
			_, cmd := m.form.Update(tea.WindowSizeMsg{Width: m.contentWidth(), Height: max(m.height-chrome, 8)})
			return m, cmd
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.styles = theme.New(msg.IsDark())
	case tea.KeyPressMsg:
		if cmd, handled := m.key(msg); handled {
			return m, cmd
		}
	}
	if m.screen == screenSummary {
		var cmd tea.Cmd
		m.summary, cmd = m.summary.Update(msg)
		return m, cmd
	}
	if m.screen != screenQuestion || m.form == nil {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	if f, ok := model.(*huh.Form); ok {
		m.form = f
	}
	if m.form.State == huh.StateCompleted {
		return m, m.nextQuestion()
	}
	return m, cmd
}

// nextQuestion moves on from a question answered with Enter: to the step's
// next question that applies, or to the next step.
func (m *model) nextQuestion() tea.Cmd {
	m.bindings[m.cur].passed = true
	if next := m.nextAsked(m.cur); next >= 0 {
		return m.openQuestion(next)
	}
	return m.finishStep()
}

// finishStep reads a completed step, keeps the draft, and moves on.
func (m *model) finishStep() tea.Cmd {
	if err := m.applyStep(); err != nil {
		m.err = err
		return tea.Quit
	}
	if err := m.keep(); err != nil {
		m.err = err
		return tea.Quit
	}
	next := m.step + 1
	if m.toSummary {
		// A step changed from the summary goes back to it.
		next, m.toSummary = len(m.steps), false
	}
	return m.enterStep(next, false)
}

// key handles the keys the wizard owns; the rest go to the form.
func (m *model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	m.goingBack = false
	switch m.screen {
	case screenConfirmQuit:
		switch {
		case key.Matches(msg, m.keys.Yes):
			_ = m.applyPartial()
			if err := m.keep(); err != nil {
				m.err = err
			}
			m.quit = true
			return tea.Quit, true
		case key.Matches(msg, m.keys.No):
			m.screen = m.back
		}
		return nil, true
	case screenConfirmDiscard:
		switch {
		case key.Matches(msg, m.keys.Yes):
			m.result = Result{Decision: m.d}
			return tea.Quit, true
		case key.Matches(msg, m.keys.No):
			m.screen = screenSummary
		}
		return nil, true
	case screenChooseStep:
		s := msg.String()
		if len(s) == 1 && s[0] >= '1' && s[0] <= '9' && int(s[0]-'1') < len(m.steps) {
			m.toSummary = true
			return m.enterStep(int(s[0]-'1'), false), true
		}
		if key.Matches(msg, m.keys.Back) {
			m.screen = screenSummary
		}
		if key.Matches(msg, m.keys.Quit) {
			m.confirmQuit()
		}
		return nil, true
	case screenSummary:
		switch {
		case key.Matches(msg, m.keys.Quit):
			m.confirmQuit()
		case key.Matches(msg, m.keys.Save):
			if missing := m.d.Missing(); len(missing) > 0 {
				return m.enterMissing(), true
			}
			m.result = Result{Decision: m.d, Saved: true}
			return tea.Quit, true
		case key.Matches(msg, m.keys.Edit):
			m.screen = screenChooseStep
		case key.Matches(msg, m.keys.Discard):
			m.screen = screenConfirmDiscard
		case key.Matches(msg, m.keys.Back):
			return m.enterStep(len(m.steps)-1, true), true
		default:
			return nil, false
		}
		return nil, true
	}
	// A question.
	switch {
	case key.Matches(msg, m.keys.Quit):
		m.confirmQuit()
		return nil, true
	case key.Matches(msg, m.keys.Back):
		if m.form.GetFocusedField() == m.bindings[m.cur].first {
			if prev := m.prevAsked(m.cur); prev >= 0 {
				return m.openQuestion(prev), true // what was typed stays in its binding
			}
			if m.step == 0 {
				m.confirmQuit()
				return nil, true
			}
			_ = m.applyPartial()
			return m.enterStep(m.step-1, true), true
		}
		// Back from a question's second field (the typed entries after a
		// list) to its first. huh moves with a message of its own,
		// validating the field it leaves as it does: goingBack holds until
		// the next key.
		m.goingBack = true
		model, cmd := m.form.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		if f, ok := model.(*huh.Form); ok {
			m.form = f
		}
		return cmd, true
	}
	return nil, false
}

func (m *model) confirmQuit() {
	m.back = m.screen
	m.screen = screenConfirmQuit
}

// applyPartial reads what has been answered in the current step, so
// quitting or going back loses nothing: the questions left with Enter, and
// text typed (a list not yet left shows an option under its cursor, which
// is no answer). Answers not yet valid are left as they were.
func (m *model) applyPartial() error {
	if m.screen != screenQuestion && m.back != screenQuestion {
		return nil
	}
	return m.applyAnswered(m.d)
}

// applyAnswered reads into d the answers of the current step that
// applyPartial keeps.
func (m *model) applyAnswered(d *decision.Decision) error {
	if m.form == nil {
		return nil
	}
	var errs []error
	for i, b := range m.bindings {
		typing := i == m.cur && (b.q.Kind == Line || b.q.Kind == Lines || m.form.GetFocusedField() != b.first)
		// Text typed and left without Enter (going back past it) is
		// still what the practitioner wrote.
		typed := strings.TrimSpace(b.value) != "" && (b.q.Kind == Line || b.q.Kind == Lines) || strings.TrimSpace(b.other) != ""
		if !b.passed && !typing && !typed {
			continue
		}
		if b.q.Asked(d) {
			if err := b.q.Set(d, b.answer()); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// focusedBinding returns the binding of the focused field.
func (m *model) focusedBinding() *binding {
	if m.form == nil || m.cur >= len(m.bindings) {
		return nil
	}
	return m.bindings[m.cur]
}

// refreshSummary renders the live outcome and rationale into the summary.
func (m *model) refreshSummary() {
	o := assess.Evaluate(m.opts.Catalog, m.d, m.opts.Now())
	var b strings.Builder
	_ = render.WriteText(&b, render.Build(m.opts.Catalog, m.d, o, m.opts.Loc)) // a strings.Builder never fails
	m.summary = viewport.New(viewport.WithWidth(m.contentWidth()), viewport.WithHeight(max(m.height-chrome-2, 3)))
	m.summary.SetContent(b.String())
}

// answeredSince reports whether anything has been answered since the wizard
// opened, this step's answers included.
func (m *model) answeredSince() bool {
	d := *m.d
	if m.back == screenQuestion {
		_ = m.applyAnswered(&d)
	}
	return !bytes.Equal(decision.Canonical(&d), m.opened)
}

// outcomeSoFar is the light the answers give so far, shown once the
// red-line screen has been answered.
func (m *model) outcomeSoFar() string {
	if m.step <= 3 || m.opts.Hooks.Workshop {
		return ""
	}
	// As the answers stand, this step's included.
	d := *m.d
	_ = m.applyAnswered(&d)
	o := assess.Evaluate(m.opts.Catalog, &d, m.opts.Now())
	return "Outcome so far: " + m.styles.Light(o.Light, m.opts.Catalog.Rules.Lights[o.Light])
}

// View draws the screen.
func (m *model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m *model) render() string {
	w := m.contentWidth()
	total := len(m.steps) + 1
	var title string
	switch {
	case m.step < len(m.steps):
		title = fmt.Sprintf("Step %d of %d · %s", m.step+1, total, m.steps[m.step].Title)
	default:
		title = fmt.Sprintf("Step %d of %d · Summary", total, total)
	}
	header := m.styles.Title.Render("rightsaid") + "  " + m.styles.Progress.Render(title)
	if m.d.Supersedes != "" {
		// A review: the record it reviews, whatever the step.
		header = joinFitting(header, m.styles.Progress.Render("Review of "+m.d.Supersedes), w)
	}
	if so := m.outcomeSoFar(); so != "" && m.screen == screenQuestion {
		header = joinFitting(header, so, w)
	}
	var body, footer string
	switch m.screen {
	case screenConfirmQuit:
		resume := m.opts.Hooks.Resume
		if resume == "" {
			resume = "rightsaid decide --resume"
		}
		kept := "Your answers so far are kept as a draft. To carry on from here:\n\n  " + resume
		switch {
		case m.opts.Hooks.StepDone == nil:
			kept = "Your answers so far will not be kept." // no drafts here (a workshop's scenario)
		case !m.answeredSince():
			kept = "Nothing has been answered yet, so no draft will be kept."
		}
		body = m.styles.Heading.Render("Quit now?") + "\n\n" + wrapText(kept, w)
		footer = "y quit · n carry on"
	case screenConfirmDiscard:
		gone := "Nothing will be saved and the draft will be deleted."
		if m.opts.Hooks.StepDone == nil {
			gone = "Nothing will be saved."
		}
		body = m.styles.Heading.Render("Discard this decision?") + "\n\n" + wrapText(gone, w)
		footer = "y discard · n keep it"
	case screenChooseStep:
		var b strings.Builder
		b.WriteString(m.styles.Heading.Render("Which step do you want to change?") + "\n\n")
		for i, s := range m.steps {
			fmt.Fprintf(&b, "  %d  %s\n", i+1, s.Title)
		}
		body = b.String()
		footer = "1-9 choose · esc back to the summary"
	case screenSummary:
		o := assess.Evaluate(m.opts.Catalog, m.d, m.opts.Now())
		vt := m.opts.Catalog.Rules.Verdicts[o.Verdict]
		line := joinFitting(m.styles.Light(o.Light, m.opts.Catalog.Rules.Lights[o.Light])+"  "+m.styles.Heading.Render(vt.Label),
			m.styles.Help.Render("· review due "+o.ReviewDue.In(m.opts.Loc).Format("Mon 2 Jan 15:04 MST")), w)
		body = line + "\n" + m.summary.View()
		save := "s save"
		if m.opts.Hooks.Workshop {
			save = "s compare"
		}
		footer = save + " · e change a step · d discard · ↑/↓ scroll · " + m.quitHelp()
		if missing := m.d.Missing(); len(missing) > 0 {
			footer = m.styles.Error.Render(fmt.Sprintf("%d required answers missing: s takes you to them", len(missing))) + " · " + footer
		}
	default:
		body = trimBlankLines(m.form.View()) + "\n" + m.hoverHelp(w)
		footer = "enter next · esc back · " + m.quitHelp()
		if b := m.focusedBinding(); b != nil {
			switch _, ticking := m.form.GetFocusedField().(*huh.MultiSelect[string]); {
			case b.q.Kind == Lines:
				footer = "enter next · ctrl+j new line · esc back · " + m.quitHelp()
			case ticking:
				footer = "space or x tick · " + footer
			}
		}
	}
	footer = m.styles.Help.Render(wrapText(footer, w))
	// Keep the footer on screen: cut the body to the lines that fit.
	bodyLines := strings.Split(body, "\n")
	room := m.height - lipgloss.Height(header) - 1 - lipgloss.Height(footer) - 1
	if room > 0 && len(bodyLines) > room {
		bodyLines = bodyLines[:room]
		// Say that something is cut, rather than end mid-sentence.
		bodyLines[room-1] = m.styles.Help.Render("… more than fits: a taller window shows the rest")
	}
	return header + "\n\n" + strings.Join(bodyLines, "\n") + "\n" + footer
}

// hoverHelp explains the option under the cursor (a right's summary and
// category, a kind's definition) and shows the question's guide, in the
// lines the form leaves free.
func (m *model) hoverHelp(w int) string {
	b := m.focusedBinding()
	if b == nil {
		return ""
	}
	var lines []string
	var hovered string
	// What is said of the list (the option under its cursor, that it
	// scrolls) is for while the list has the focus, not the line typed
	// under it.
	onList := m.form.GetFocusedField() == b.field
	switch f := b.field.(type) {
	case *huh.Select[string]:
		hovered, _ = f.Hovered()
	case *huh.MultiSelect[string]:
		hovered, _ = f.Hovered()
	}
	if !onList {
		hovered = ""
	}
	if hovered != "" {
		for _, o := range b.q.Options(m.d) {
			if o.Value != hovered {
				continue
			}
			if help := m.optionHelp(o); help != "" {
				lines = append(lines, m.styles.Help.Render(wrapText(help, w-2)))
			}
		}
	}
	if len(b.q.Guide) > 0 {
		var g strings.Builder
		g.WriteString("Think about:\n")
		for _, p := range b.q.Guide {
			g.WriteString(wrapText("• "+render.Clean(p), w-2) + "\n")
		}
		lines = append(lines, m.styles.Help.Render(strings.TrimRight(g.String(), "\n")))
	}
	var out []string
	if b.shown < b.options && onList {
		// Right under the list, which shows no sign of its own that it
		// scrolls.
		out = append(out, m.styles.Help.Render(fmt.Sprintf("%d of %d shown: ↑/↓ to see the rest", b.shown-b.unasked, b.options-b.unasked)))
	}
	if len(lines) > 0 {
		out = append(out, "\n"+strings.Join(lines, "\n\n"))
	}
	return strings.Join(out, "\n")
}

// joinFitting puts b after a on one line when both fit in width, and on the
// next line when they do not, so a narrow screen never cuts off the light.
func joinFitting(a, b string, width int) string {
	if lipgloss.Width(a)+2+lipgloss.Width(b) <= width {
		return a + "  " + b
	}
	return a + "\n" + b
}

// trimBlankLines drops the blank lines a form pads its view with (every
// group is as tall as the tallest), so the help sits under the question.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 && strings.TrimSpace(ansiStrip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// wrapText wraps text to width, keeping its line breaks.
func wrapText(s string, width int) string {
	return lipgloss.NewStyle().Width(max(width, 20)).Render(s)
}

// Choose asks, full-screen, for one of options (a draft to resume) and
// returns its index; ErrQuit when the practitioner quits.
func Choose(opts Options, title string, options []Option) (int, error) {
	var value string
	hopts := make([]huh.Option[string], len(options))
	for i, o := range options {
		hopts[i] = huh.NewOption(o.Label, o.Value)
	}
	theme := newCachedTheme(huh.ThemeBase16)
	km := huh.NewDefaultKeyMap()
	// Esc leaves, as it does the wizard; the list is short: no filter.
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "quit"))
	km.Select.Filter = key.NewBinding(key.WithDisabled())
	f := huh.NewForm(huh.NewGroup(themed(theme, huh.NewSelect[string]()).Title(title).Options(hopts...).Value(&value))).
		WithAccessible(false).
		WithKeyMap(km).
		WithInput(opts.In).
		WithOutput(opts.Out).
		WithTheme(huh.ThemeFunc(huh.ThemeBase16))
	if opts.Width > 0 {
		f = f.WithWidth(opts.Width)
	}
	if err := f.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return 0, ErrQuit
		}
		return 0, err
	}
	return slices.IndexFunc(options, func(o Option) bool { return o.Value == value }), nil
}

func ansiStrip(s string) string { return ansi.Strip(s) }

// cachedTheme is a huh theme built once for each background.
type cachedTheme struct{ dark, light *huh.Styles }

func newCachedTheme(f func(isDark bool) *huh.Styles) cachedTheme {
	t := cachedTheme{dark: f(true), light: f(false)}
	for _, s := range []*huh.Styles{t.dark, t.light} {
		// A required question's title already ends in *; huh's own mark
		// for an answer refused would make it "* *". The reason is shown
		// under the question.
		s.Focused.ErrorIndicator = s.Focused.ErrorIndicator.SetString("")
	}
	return t
}

// Theme returns the styles for the background.
func (t cachedTheme) Theme(isDark bool) *huh.Styles {
	if isDark {
		return t.dark
	}
	return t.light
}

// themed gives a new huh field its theme before anything is set on it: huh
// measures a field as options are added, and without a theme it builds its
// default one each time.
func themed[F huh.Field](t huh.Theme, f F) F {
	f.WithTheme(t)
	return f
}
