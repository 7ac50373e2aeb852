package build

import (
	"errors"
	"net/url"
	"strings"
)

// parseWebURL accepts only absolute http and https URLs with a host, so that
// no javascript:, data: or relative link from the data reaches a page.
func parseWebURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.New("not a valid URL")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		if scheme == "" {
			return "", errors.New("must be an absolute URL starting with http:// or https://")
		}
		return "", errors.New("scheme " + scheme + ": only http:// and https:// are allowed")
	}
	if u.Host == "" || u.Opaque != "" {
		return "", errors.New("must name a host, like https://example.org/")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return "", errors.New("must not contain spaces")
	}
	u.Scheme = scheme
	return u.String(), nil
}
