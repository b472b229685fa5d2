package render

// CSVRow makes a row of cells safe to open in a spreadsheet: control
// characters are removed, and a cell that begins with =, +, -, @ (or a tab or
// carriage return) is prefixed with a single quote, so it is shown as text
// and never run as a formula (CSV injection).
func CSVRow(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		c = clean(c)
		if c != "" && (c[0] == '=' || c[0] == '+' || c[0] == '-' || c[0] == '@' || c[0] == '\t' || c[0] == '\r') {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}
