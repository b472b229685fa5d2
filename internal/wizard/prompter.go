package wizard

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
)

// Hooks are what the caller does as the wizard goes: the wizard itself never
// touches files.
type Hooks struct {
	// StepDone is called after every step with the answers so far, so the
	// caller can keep the draft. An error stops the wizard.
	StepDone func(d *decision.Decision) error
	// Resume is the command that carries on from the draft, shown when
	// the practitioner asks to quit; "" shows the general one.
	Resume string
	// Workshop is a group answering a training scenario: the outcome is
	// not shown while they answer (it would give the answer away), and
	// saving compares their answers with the model instead.
	Workshop bool
}

// Result is how a wizard session ended.
type Result struct {
	Decision *decision.Decision
	// Saved is true when the practitioner chose to save; false when they
	// discarded the decision.
	Saved bool
}

// ErrQuit is returned when the practitioner quits before the end; the draft
// kept after the last step stays.
var ErrQuit = errors.New("quit before the end: the answers so far are kept as a draft")

// EndOfInputError is returned by the accessible prompter when its input ends
// before the last question.
type EndOfInputError struct{ Question string }

func (e *EndOfInputError) Error() string {
	return fmt.Sprintf("the input ended before the question %q was answered", e.Question)
}

// Prompter is the accessible mode: rightsaid's own line prompter. It asks the
// same steps as the full-screen wizard, one plain question a line, with the
// choices numbered and named, no colour and no cursor movement, so a screen
// reader can follow it and a script can answer it.
type Prompter struct {
	In      io.Reader
	Out     io.Writer
	Catalog *catalog.Catalog
	Loc     *time.Location
	Now     func() time.Time
	Hooks   Hooks
	// AllowIdentifiers accepts an NHS or CHI number as the person's
	// reference (see [AllowIdentifiers]).
	AllowIdentifiers bool

	r *bufio.Reader
}

// errEOF marks the end of input inside the prompter.
var errEOF = errors.New("end of input")

// Run asks the steps, starting at step start, then shows the outcome and asks
// whether to save, change a step or discard.
func (p *Prompter) Run(d *decision.Decision, start int) (Result, error) {
	p.reader()
	steps := Steps(p.Catalog, p.Loc, AllowIdentifiers(p.AllowIdentifiers))
	for i := start; i < len(steps); i++ {
		if err := p.askStep(steps, i, d); err != nil {
			return Result{}, err
		}
	}
	return p.summary(steps, d)
}

func (p *Prompter) reader() *bufio.Reader {
	if p.r == nil {
		p.r = bufio.NewReader(p.In)
	}
	return p.r
}

func (p *Prompter) say(format string, args ...any) {
	fmt.Fprintf(p.Out, format, args...)
}

// readLine reads one line without its line ending; at the end of input it
// returns errEOF. A last line without a line ending still counts.
func (p *Prompter) readLine() (string, error) {
	line, err := p.reader().ReadString('\n')
	if err != nil {
		if !errors.Is(err, io.EOF) {
			return "", err
		}
		if line == "" {
			return "", errEOF
		}
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// eoi turns the end of input into the error that names the question.
func eoi(err error, question string) error {
	if errors.Is(err, errEOF) {
		return &EndOfInputError{Question: question}
	}
	return err
}

func (p *Prompter) askStep(steps []Step, i int, d *decision.Decision) error {
	s := steps[i]
	if s.Prefill != nil {
		s.Prefill(d)
	}
	p.say("\nStep %d of %d: %s\n", i+1, len(steps)+1, s.Title)
	if s.Intro != "" {
		p.say("%s\n", render.Clean(s.Intro))
	}
	for qi := range s.Questions {
		q := &s.Questions[qi]
		if !q.Asked(d) {
			_ = q.Set(d, nil) // an answer to a question that no longer applies is dropped
			continue
		}
		if err := p.ask(q, d); err != nil {
			return eoi(err, q.Title)
		}
	}
	if p.Hooks.StepDone != nil {
		return p.Hooks.StepDone(d)
	}
	return nil
}

// ask asks one question until it gets a valid answer.
func (p *Prompter) ask(q *Question, d *decision.Decision) error {
	required := ""
	if q.Required {
		required = " (required)"
	}
	p.say("\n%s%s\n", render.Clean(q.Title), required)
	if q.Help != "" {
		p.say("%s\n", render.Clean(q.Help))
	}
	for _, g := range q.Guide {
		p.say("  - %s\n", render.Clean(g))
	}
	var doubted string
	for {
		values, err := p.read(q, d)
		if err != nil {
			var inv invalidAnswer
			if errors.As(err, &inv) {
				p.say("Not valid: %s. Please answer again.\n", inv.msg)
				continue
			}
			return err
		}
		if err := q.Set(d, values); err != nil {
			p.say("Not valid: %s. Please answer again.\n", err)
			continue
		}
		if w := q.doubt(values, &doubted); w != "" {
			p.say("Check: %s. Type it again to keep it, or type another.\n", w)
			continue
		}
		return nil
	}
}

// invalidAnswer is an answer that does not fit the question: re-asked.
type invalidAnswer struct{ msg string }

func (e invalidAnswer) Error() string { return e.msg }

func invalid(format string, args ...any) error { return invalidAnswer{fmt.Sprintf(format, args...)} }

// read reads the answer to one question, as the values Set takes.
func (p *Prompter) read(q *Question, d *decision.Decision) ([]string, error) {
	current := q.Get(d)
	switch q.Kind {
	case Choice:
		return p.readChoice(current, q.Options(d))
	case Choices:
		return p.readChoices(q, d, current)
	case Lines:
		return p.readLines(q, current)
	}
	hint := "Type your answer"
	if len(current) > 0 {
		hint += fmt.Sprintf(" (Enter keeps %q; a lone - clears it)", render.Clean(current[0]))
	} else if q.Placeholder != "" {
		hint += ", for example " + q.Placeholder
	}
	p.say("%s:\n", hint)
	line, err := p.readLine()
	if err != nil {
		return nil, err
	}
	line = strings.TrimSpace(line)
	switch {
	case line == "" && len(current) > 0:
		return current, nil
	case line == "" && q.Required:
		return nil, invalid("this question needs an answer")
	case line == "-":
		return nil, nil
	}
	return []string{line}, nil
}

func (p *Prompter) listOptions(opts []Option, selected []string, withHelp, byValue bool) {
	for i, o := range opts {
		mark := ""
		if selected != nil {
			mark = "[ ] "
			if slices.Contains(selected, o.Value) {
				mark = "[x] "
			}
		}
		key := strconv.Itoa(i + 1)
		if byValue {
			key = o.Value
		}
		line := fmt.Sprintf("  %s. %s%s", key, mark, render.Clean(o.Label))
		if withHelp && o.Help != "" {
			line += ": " + render.Clean(o.Help)
		}
		p.say("%s\n", line)
	}
}

// match finds the option a typed word names: its value (so 8 is Article 8
// among the rights), its label or the label's first part before a colon
// ("Article 8"), ignoring case; or else its number in the list.
func match(opts []Option, s string) (Option, bool) {
	s = strings.TrimSpace(s)
	for _, o := range opts {
		head, _, _ := strings.Cut(o.Label, ":")
		if strings.EqualFold(o.Value, s) || strings.EqualFold(o.Label, s) || strings.EqualFold(strings.TrimSpace(head), s) {
			return o, true
		}
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(opts) {
			return opts[n-1], true
		}
	}
	return Option{}, false
}

func (p *Prompter) readChoice(current []string, opts []Option) ([]string, error) {
	p.listOptions(opts, nil, len(opts) <= 5, false)
	hint := "Type a number or a name"
	if len(current) > 0 {
		if o, ok := match(opts, current[0]); ok {
			hint += fmt.Sprintf(" (Enter keeps %s)", render.Clean(o.Label))
		}
	}
	if len(opts) > 5 {
		hint += "; ?2 explains choice 2"
	}
	p.say("%s:\n", hint)
	for {
		line, err := p.readLine()
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "?"); ok {
			if o, ok := match(opts, rest); ok && o.Help != "" {
				p.say("%s: %s\n", render.Clean(o.Label), render.Clean(o.Help))
			} else if ok {
				p.say("%s: no more to say about this choice.\n", render.Clean(o.Label))
			} else {
				p.say("Type a question mark and the number of a choice, such as ?2.\n")
			}
			continue
		}
		if line == "" {
			if len(current) > 0 {
				return current, nil
			}
			return nil, invalid("this question needs an answer: type one of the numbers")
		}
		o, ok := match(opts, line)
		if !ok {
			return nil, invalid("%q is not one of the choices: type a number from 1 to %d", line, len(opts))
		}
		return []string{o.Value}, nil
	}
}

func (p *Prompter) readChoices(q *Question, d *decision.Decision, current []string) ([]string, error) {
	opts := q.Options(d)
	p.listOptions(opts, current, false, q.ByValue)
	var extra []string
	for _, c := range current {
		if !slices.ContainsFunc(opts, func(o Option) bool { return o.Value == c }) {
			extra = append(extra, c)
		}
	}
	if len(extra) > 0 {
		p.say("  Also given: %s\n", render.Clean(strings.Join(extra, "; ")))
	}
	hint := "Type the numbers or names that apply, separated by commas"
	if q.ByValue {
		hint = "Type the articles that apply, separated by commas (such as 3, 8, P1-1)"
	}
	if q.Other {
		hint += " (anything else you type is added as written)"
	}
	hint += ". Enter keeps the ticked ones; none clears them; each asks yes or no for each"
	p.say("%s:\n", hint)
	line, err := p.readLine()
	if err != nil {
		return nil, err
	}
	line = strings.TrimSpace(line)
	switch strings.ToLower(line) {
	case "":
		return current, nil
	case "none":
		return nil, nil
	case "each":
		var out []string
		for _, o := range opts {
			yes, err := p.yesNo(render.Clean(o.Label), slices.Contains(current, o.Value))
			if err != nil {
				return nil, err
			}
			if yes {
				out = append(out, o.Value)
			}
		}
		return append(out, extra...), nil
	}
	var out []string
	for _, part := range splitList(line) {
		if o, ok := match(opts, part); ok {
			out = append(out, o.Value)
			continue
		}
		if !q.Other {
			return nil, invalid("%q is not one of the choices: type numbers from 1 to %d", part, len(opts))
		}
		out = append(out, part)
	}
	return out, nil
}

// splitList splits a typed list at commas and semicolons.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (p *Prompter) yesNo(label string, current bool) (bool, error) {
	def := "no"
	if current {
		def = "yes"
	}
	for {
		p.say("%s? yes or no (Enter keeps %s):\n", label, def)
		line, err := p.readLine()
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "":
			return current, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		p.say("Not valid: answer yes or no.\n")
	}
}

func (p *Prompter) readLines(q *Question, current []string) ([]string, error) {
	hint := "Type your answer; it may take several lines. End with a line holding only a full stop (.)"
	if len(current) > 0 {
		hint += "; a full stop straight away keeps the answer already given"
	}
	p.say("%s:\n", hint)
	var lines []string
	for {
		line, err := p.readLine()
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(line) == "." {
			break
		}
		lines = append(lines, line)
	}
	text := strings.TrimSpace(strings.Join(lines, "\n"))
	switch {
	case text == "" && len(current) > 0:
		return current, nil
	case text == "" && q.Required:
		return nil, invalid("this question needs an answer")
	}
	return one(text), nil
}

// summary shows the live outcome and the rationale, then asks what next.
func (p *Prompter) summary(steps []Step, d *decision.Decision) (Result, error) {
	for {
		o := assess.Evaluate(p.Catalog, d, p.Now())
		p.say("\nStep %d of %d: Summary\n\n", len(steps)+1, len(steps)+1)
		var b strings.Builder
		_ = render.WriteText(&b, render.Build(p.Catalog, d, o, p.Loc)) // a strings.Builder never fails
		p.say("%s\n", b.String())
		save := "Save this decision"
		if p.Hooks.Workshop {
			save = "Compare with the model answer"
		}
		p.say("What next?\n  1. %s\n  2. Change a step\n  3. Discard this decision\nType a number:\n", save)
		line, err := p.readLine()
		if err != nil {
			return Result{}, eoi(err, "What next?")
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "1", "save":
			if missing := d.Missing(); len(missing) > 0 {
				p.say("Not yet: these required answers are missing: %s.\n", strings.Join(missing, ", "))
				continue
			}
			return Result{Decision: d, Saved: true}, nil
		case "2", "change":
			options := make([]Option, len(steps))
			for i, s := range steps {
				options[i] = Option{Value: s.ID, Label: s.Title}
			}
			i, err := p.Choose("Which step?", options)
			if err != nil {
				return Result{}, err
			}
			if err := p.askStep(steps, i, d); err != nil {
				return Result{}, err
			}
		case "3", "discard":
			yes, err := p.yesNo("Discard this decision? Nothing will be saved", false)
			if err != nil {
				return Result{}, eoi(err, "Discard this decision?")
			}
			if yes {
				return Result{Decision: d}, nil
			}
		default:
			p.say("Not valid: type 1, 2 or 3.\n")
		}
	}
}

// Choose asks the practitioner to pick one of options (a draft to resume, a
// step to change) and returns its index.
func (p *Prompter) Choose(title string, options []Option) (int, error) {
	p.say("\n%s\n", title)
	for {
		values, err := p.readChoice(nil, options)
		if err != nil {
			var inv invalidAnswer
			if errors.As(err, &inv) {
				p.say("Not valid: %s. Please answer again.\n", inv.msg)
				continue
			}
			return 0, eoi(err, title)
		}
		return slices.IndexFunc(options, func(o Option) bool { return o.Value == values[0] }), nil
	}
}
