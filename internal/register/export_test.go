package register

// The scanner and the strict reader, for the tests that compare them.
var (
	ScanCanonical = scanCanonical
	DecodeSummary = decodeSummary
)
