package rules

import "testing"

// RFC 3492 section 7.1's samples, and labels of look-alike domains.
func TestPunycode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f": "egbpdaj6bu4bxfgehfvwxn",
		"他们为什么不说中文":                "ihqwcrb4cv8a8dqg056pqjye",
		"他們爲什麽不說中文":                "ihqwctvzc91f659drss3x8bo0yb",
		"Pročprostěnemluvíčesky":   "Proprostnemluvesky-uyb24dma41a",
		"3年B組金八先生":                 "3B-ww4c5e180e575a65lsy2b",
		"安室奈美恵-with-SUPER-MONKEYS": "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
		"ひとつ屋根の下2":                 "2-u9tlzr9756bt3uc0v",
		"b\u00fccher":              "bcher-kva",
		"\u0430cme-corp":           "cme-corp-06g",
	} {
		got, err := punycode(in)
		if err != nil || got != want {
			t.Errorf("punycode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestASCIIDomain(t *testing.T) {
	t.Parallel()
	for email, want := range map[string]string{
		"a@b\u00fccher.example":                               "xn--bcher-kva.example",
		"a@\u0430cme-corp.com":                                "xn--cme-corp-06g.com",
		"a@\u041f\u0420\u0418\u041c\u0415\u0420.\u0440\u0444": "xn--e1afmkfd.xn--p1ai", // upper case folds as DNS does
		"a@\uff45xample.com":                                  "example.com",           // fullwidth folds to ASCII
		"\u0430@example.com":                                  "",                      // an ASCII domain has nothing to show
		"no-at-sign":                                          "",
	} {
		got, ok := ASCIIDomain(email)
		if got != want || ok != (want != "") {
			t.Errorf("ASCIIDomain(%q) = %q, %t; want %q", email, got, ok, want)
		}
	}
}
