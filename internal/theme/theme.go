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

	green, amber, red color.Color
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
