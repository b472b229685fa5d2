package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ArticleIDs are the ids of the 16 rights, in the order of the Act's
// Schedule 1.
var ArticleIDs = []string{"2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "P1-1", "P1-2", "P1-3", "P13-1"}

// NormaliseArticle turns the many ways people write an article into its id:
// "8", "Article 8", "art. 8" and "Art 8" are all "8"; "P1-1", "P1A1", "A1P1",
// "Protocol 1 Article 1", "Protocol 1, Article 1" and "Article 1 of Protocol 1"
// are all "P1-1". Case, spaces and punctuation are ignored. An article the Act
// does not include is an error that lists the valid ids.
func NormaliseArticle(s string) (string, error) {
	toks := articleTokens(s)
	var id string
	switch {
	case match(toks, "n"):
		id = toks[0]
	case match(toks, "a", "n"):
		id = toks[1]
	case match(toks, "p", "n", "n"):
		id = "P" + toks[1] + "-" + toks[2]
	case match(toks, "p", "n", "a", "n"):
		id = "P" + toks[1] + "-" + toks[3]
	case match(toks, "a", "n", "p", "n"):
		id = "P" + toks[3] + "-" + toks[1]
	}
	for _, valid := range ArticleIDs {
		if id == valid {
			return id, nil
		}
	}
	return "", fmt.Errorf("%q is not one of the 16 rights of the Human Rights Act; use one of %s", strings.TrimSpace(s), strings.Join(ArticleIDs, ", "))
}

// articleTokens splits s into number tokens (leading zeros dropped) and word
// tokens, mapping the words for article to "a" and for protocol to "p"; any
// other word is kept as it is, so it cannot match.
func articleTokens(s string) []string {
	var toks []string
	var cur []rune
	var digits bool
	flush := func() {
		if len(cur) == 0 {
			return
		}
		t := string(cur)
		if digits {
			n, err := strconv.Atoi(t)
			if err != nil || n > 1000 {
				t = "x"
			} else {
				t = strconv.Itoa(n)
			}
		} else {
			switch t {
			case "a", "art", "arts", "article", "articles":
				t = "a"
			case "p", "prot", "protocol":
				t = "p"
			case "of", "no":
				t = ""
			default:
				t = "?" + t
			}
		}
		if t != "" {
			toks = append(toks, t)
		}
		cur = cur[:0]
	}
	for _, r := range strings.ToLower(s) {
		isDigit := r >= '0' && r <= '9'
		isLetter := unicode.IsLetter(r)
		if !isDigit && !isLetter {
			flush()
			continue
		}
		if len(cur) > 0 && isDigit != digits {
			flush()
		}
		digits = isDigit
		cur = append(cur, r)
	}
	flush()
	return toks
}

// match reports whether toks has the shape given, where "n" is a number and
// "a" and "p" are the words for article and protocol.
func match(toks []string, shape ...string) bool {
	if len(toks) != len(shape) {
		return false
	}
	for i, want := range shape {
		t := toks[i]
		isNum := t != "" && t[0] >= '0' && t[0] <= '9'
		if want == "n" {
			if !isNum {
				return false
			}
		} else if t != want {
			return false
		}
	}
	return true
}
