package semicolons

import . "net/url"

// A dot import still names net/url.ParseQuery.
func dotImported() (Values, error) {
	return ParseQuery("a=1;b=2") // want url-query-semicolons-go117
}
