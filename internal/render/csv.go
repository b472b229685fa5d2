package render

import (
	"strconv"
	"strings"
)

// CSVRow makes a row of cells safe to open in a spreadsheet: control
// characters are removed, and a cell of text that begins with =, +, -, @ (or
// a tab or carriage return) is prefixed with a single quote, so it is shown
// as text and never run as a formula (CSV injection). A plain number, such as
// -60, stays a number.
func CSVRow(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		c = clean(c)
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

// isNumber reports whether a cell is a plain decimal number.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "eEinfINFxXpP")
}
