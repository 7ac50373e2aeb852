package hsds

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// languageCodes gives the ISO 639 code of a language by its English name,
// folded (letters only, lower case, without accents): ISO 639-1 where the
// language has one, ISO 639-3 otherwise (HSDS takes either). The names
// are those spoken most in the US, and a few spellings of each; a facet
// option whose code, label or a synonym is one of them is a language.
var languageCodes = map[string]string{
	"english": "en", "spanish": "es", "espanol": "es", "chinese": "zh", "mandarin": "cmn",
	"cantonese": "yue", "tagalog": "tl", "filipino": "fil", "tagalogfilipino": "tl",
	"vietnamese": "vi", "arabic": "ar", "french": "fr", "korean": "ko", "russian": "ru",
	"haitiancreole": "ht", "haitian": "ht", "german": "de", "portuguese": "pt", "hindi": "hi",
	"italian": "it", "polish": "pl", "urdu": "ur", "persian": "fa", "farsi": "fa",
	"japanese": "ja", "gujarati": "gu", "bengali": "bn", "punjabi": "pa", "greek": "el",
	"hmong": "hmn", "armenian": "hy", "somali": "so", "amharic": "am", "navajo": "nv",
	"hebrew": "he", "yiddish": "yi", "ukrainian": "uk", "khmer": "km", "cambodian": "km",
	"lao": "lo", "thai": "th", "telugu": "te", "tamil": "ta", "nepali": "ne", "swahili": "sw",
	"burmese": "my", "dari": "prs", "pashto": "ps", "albanian": "sq",
	"serbocroatian": "hbs", "bosnian": "bs", "croatian": "hr", "serbian": "sr", "romanian": "ro",
	"turkish": "tr", "dutch": "nl", "swedish": "sv", "yoruba": "yo", "igbo": "ig",
	"tigrinya": "ti", "oromo": "om", "chuukese": "chk", "marshallese": "mh", "samoan": "sm",
	"tongan": "to", "hawaiian": "haw", "ilocano": "ilo", "cebuano": "ceb", "chamorro": "ch",
	"americansignlanguage": "ase", "asl": "ase",
}

// languageNames are the names given to a code when the package names a
// language by its code only.
var languageNames = map[string]string{
	"en": "English", "es": "Spanish", "zh": "Chinese", "tl": "Tagalog", "vi": "Vietnamese",
	"ar": "Arabic", "fr": "French", "ko": "Korean", "ru": "Russian", "ht": "Haitian Creole",
	"de": "German", "pt": "Portuguese", "hi": "Hindi", "ase": "American Sign Language",
}

// foldName is a name as languageCodes keys it.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) && r < unicode.MaxASCII {
			return unicode.ToLower(r)
		}
		return -1
	}, norm.NFKD.String(s))
}

// LanguageCode gives the ISO 639 code of the first of names that is a
// language, or "".
func LanguageCode(names ...string) string {
	for _, n := range names {
		if code, ok := languageCodes[foldName(n)]; ok {
			return code
		}
	}
	return ""
}

// LanguageName names a language code, or gives "".
func LanguageName(code string) string { return languageNames[strings.ToLower(code)] }
