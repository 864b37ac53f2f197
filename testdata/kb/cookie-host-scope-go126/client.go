// Package cookies exercises http.Client cookie jars, scoped to Request.Host since Go 1.26.
package cookies

import (
	"net/http"
	"net/http/cookiejar"
)

func withJar() (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	return &http.Client{Jar: jar}, nil // want cookie-host-scope-go126
}

func setLater(c *http.Client, jar http.CookieJar) {
	c.Jar = jar // want cookie-host-scope-go126
}

// Without a jar the client keeps no cookies.
func plain() *http.Client {
	return &http.Client{Timeout: 0} // ok cookie-host-scope-go126
}

func hasJar(c *http.Client) bool {
	return c.Jar != nil // ok cookie-host-scope-go126
}
