// Package theme is rightsaid's one set of lipgloss styles: the wizard's
// screens, the traffic lights, the presenter look. Styles are built once,
// for a dark or a light background, and passed down; nothing here is a
// package-level variable. Colour is chosen here but applied only where the
// stream supports it: bubbletea and a colorprofile writer downsample or strip
// it (NO_COLOR, files, pipes).
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are the styles of every screen.
type Styles struct {
	IsDark bool

	Title    lipgloss.Style // the product name in the header
	Progress lipgloss.Style // "Step 3 of 10 · Rights engaged"
	Intro    lipgloss.Style // a step's introduction
	Help     lipgloss.Style // key hints and hovered-option help
	Faint    lipgloss.Style
	Error    lipgloss.Style
	Heading  lipgloss.Style
	Box      lipgloss.Style // the frame of the summary's outcome

	// Presenter asks for the large-spacing layout readable from the back of
	// a room.
	Presenter bool

	green, amber, red color.Color
	plain             bool
}

// New builds the styles for a dark or a light background.
func New(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#1F5F8B"), lipgloss.Color("#7FB8E6"))
	muted := ld(lipgloss.Color("#5C5C5C"), lipgloss.Color("#A8A8A8"))
	s := Styles{
		IsDark:   isDark,
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Progress: lipgloss.NewStyle().Foreground(accent),
		Intro:    lipgloss.NewStyle().Foreground(muted).Italic(true),
		Help:     lipgloss.NewStyle().Foreground(muted),
		Faint:    lipgloss.NewStyle().Faint(true),
		Error:    lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF6B6B"))).Bold(true),
		Heading:  lipgloss.NewStyle().Bold(true),
		Box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		green:    ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#4CC46E")),
		amber:    ld(lipgloss.Color("#9A6700"), lipgloss.Color("#F2B84B")),
		red:      ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF6B6B")),
	}
	return s
}

// Light renders a traffic light as a badge: "● AMBER". The word is always
// there, so the light never depends on colour alone.
func (s Styles) Light(light, label string) string {
	c := s.amber
	switch light {
	case "green":
		c = s.green
	case "red":
		c = s.red
	}
	if s.plain {
		return "● " + upper(label)
	}
	return lipgloss.NewStyle().Bold(true).Foreground(c).Render("● " + upper(label))
}

func upper(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if ch >= 'a' && ch <= 'z' {
			b[i] = ch - 'a' + 'A'
		}
	}
	return string(b)
}

// Plain returns styles that add no colour or emphasis: for files, pipes and
// NO_COLOR.
func Plain() Styles {
	p := lipgloss.NewStyle()
	return Styles{Title: p, Progress: p, Intro: p, Help: p, Faint: p, Error: p, Heading: p, Box: p,
		green: lipgloss.NoColor{}, amber: lipgloss.NoColor{}, red: lipgloss.NoColor{}, plain: true}
}

// Presenter returns high-contrast styles for a projector: bold, bright and
// with no faint text, for a dark or light background.
func Presenter(isDark bool) Styles {
	s := New(isDark)
	ld := lipgloss.LightDark(isDark)
	strong := ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF"))
	s.Title = s.Title.Foreground(strong)
	s.Progress = lipgloss.NewStyle().Bold(true).Foreground(strong)
	s.Intro = lipgloss.NewStyle().Foreground(strong)
	s.Help = lipgloss.NewStyle().Foreground(strong)
	s.Faint = lipgloss.NewStyle().Foreground(strong)
	s.Heading = lipgloss.NewStyle().Bold(true).Underline(true).Foreground(strong)
	s.Presenter = true
	return s
}
