package importer

import (
	"net/url"
	"strconv"
	"strings"
)

// The fixes the importer makes, as the report names them.
const (
	fixZIP       = "ZIP code restored to five digits (a spreadsheet dropped its leading zero or wrote it as a number)"
	fixState     = "state name turned into its USPS code"
	fixWebsite   = "website without http:// given one"
	fixNoWebsite = `website "http://" with no address left empty`
	fixBadSite   = "website that is not a web address left out"
	fixPhone     = "phone number without 10 digits left out"
	fixCoords    = "coordinates out of range or not numbers left out"
	fixStreet    = "line breaks in an address joined"
	fixSplit     = "list separated by commas split"
	fixCentroid  = "coordinates taken from the ZIP code's centroid"
)

// tidy fixes what sources commonly get wrong in our columns, counting
// each fix in the report; what it cannot fix it leaves out, so that the
// CSV it writes passes the build's checks.
func tidy(f map[string]string, rep *Report) {
	if z, fixed := restoreZIP(f["zip"]); fixed {
		f["zip"] = z
		rep.fix(fixZIP)
	}
	if code, ok := stateCode(f["state"]); ok && code != f["state"] {
		f["state"] = code
		rep.fix(fixState)
	}
	f["website"] = tidyWebsite(f["website"], rep)
	for _, col := range []string{"phone", "intake_phone"} {
		if f[col] != "" && !validPhone(f[col]) {
			f[col] = ""
			rep.fix(fixPhone)
		}
	}
	if !validCoords(f["lat"], f["lon"]) {
		if f["lat"] != "" || f["lon"] != "" {
			rep.fix(fixCoords)
		}
		f["lat"], f["lon"] = "", ""
	}
}

// restoreZIP gives the five-digit form of a ZIP code that Excel turned
// into a number (6708, 97401.0, 2155) or wrote without its dash
// (123456789); any other value is returned as it is.
func restoreZIP(s string) (string, bool) {
	z := strings.TrimSpace(s)
	if d, ok := strings.CutSuffix(z, ".0"); ok {
		z = d
	}
	if !allDigits(z) {
		if len(z) == 10 && z[5] == '-' && allDigits(z[:5]) && allDigits(z[6:]) {
			return z, z != s
		}
		return s, false
	}
	switch n := len(z); {
	case n >= 3 && n <= 5:
		z = strings.Repeat("0", 5-n) + z
	case n >= 7 && n <= 9:
		z = strings.Repeat("0", 9-n) + z
		z = z[:5] + "-" + z[5:]
	default:
		return s, false
	}
	return z, z != s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// tidyWebsite returns an absolute http(s) URL or "": FindTreatment writes
// "http://" for a facility without a website, and spreadsheets often
// leave the scheme out.
func tidyWebsite(s string, rep *Report) string {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return ""
	case "http://", "https://", "http:", "https:":
		rep.fix(fixNoWebsite)
		return ""
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(s, "://") && !strings.ContainsAny(scheme, "./") {
		rep.fix(fixBadSite) // mailto:, tel: and the like
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
		rep.fix(fixWebsite)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") {
		rep.fix(fixBadSite)
		return ""
	}
	return s
}

// validPhone is the build's rule: 10 digits (a leading 1 allowed), with an
// optional extension after x or ext.
func validPhone(s string) bool {
	low := strings.ToLower(s)
	for _, mark := range []string{"extension", "ext.", "ext", "x"} {
		if i := strings.LastIndex(low, mark); i > 0 && allDigits(strings.TrimSpace(low[i+len(mark):])) {
			low = low[:i]
			break
		}
	}
	digits := 0
	for _, r := range low {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case !strings.ContainsRune(" ()-.+/", r):
			return false
		}
	}
	return digits == 10 || (digits == 11 && strings.TrimLeft(low, " (+")[0] == '1')
}

// validCoords is true for two numbers in range.
func validCoords(lat, lon string) bool {
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	return err1 == nil && err2 == nil && a >= -90 && a <= 90 && b >= -180 && b <= 180 && !(a == 0 && b == 0)
}
