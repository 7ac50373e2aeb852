package build

import (
	"cmp"
	"slices"
	"time"
)

// Today is the day a build takes as today: Config.Now, or the real date
// when it is zero. Only the date counts, in UTC, so that a build is the
// same all day wherever it runs.
func (c *Config) Today() time.Time {
	now := c.Now
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// markStale sets each center's stale flag: a center whose verified date is
// missing or more than StaleAfterDays before today asks people to call
// before they go.
func (s *Site) markStale() {
	today := s.Config.Today()
	for _, c := range s.Centers {
		c.stale = isStale(c.Verified, today, s.Config.StaleAfterDays)
	}
}

func isStale(verified string, today time.Time, days int) bool {
	t, err := time.Parse(time.DateOnly, verified)
	if err != nil {
		return true // missing: validation lets only good dates through
	}
	return today.Sub(t) > time.Duration(days)*24*time.Hour
}

// Stale reports whether the center's details are due for a check.
func (c *Center) Stale() bool { return c.stale }

// CheckedMonth is the verified date as people write a month, "March
// 2025", or "" when there is none.
func (c *Center) CheckedMonth() string { return formatDate(c.Verified, "January 2006") }

// CheckedDay is the verified date as people write it, "July 20, 2026",
// or "" when there is none.
func (c *Center) CheckedDay() string { return formatDate(c.Verified, "January 2, 2006") }

func formatDate(date, layout string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	return t.Format(layout)
}

// StaleCenters are the centers due for a check, oldest check first and
// never-checked before all; ties by name, then id.
func (s *Site) StaleCenters() []*Center {
	var list []*Center
	for _, c := range s.Centers {
		if c.stale {
			list = append(list, c)
		}
	}
	slices.SortFunc(list, func(a, b *Center) int {
		return cmp.Or(cmp.Compare(a.Verified, b.Verified), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return list
}

// StaleCount is how many centers are due for a check.
func (s *Site) StaleCount() int {
	n := 0
	for _, c := range s.Centers {
		if c.stale {
			n++
		}
	}
	return n
}
