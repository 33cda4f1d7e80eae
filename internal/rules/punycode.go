// A look-alike domain is best told apart in the form DNS looks it up in:
// аcme-corp.com, with a Cyrillic а, is xn--cme-corp-06g.com there, and no
// one mistakes that for acme-corp.com. Go's own IDNA code is internal to
// the standard library and to golang.org/x/text, and golang.org/x/net is
// not a dependency of this module; showing a domain needs only the encoder
// of RFC 3492, written here and checked against the RFC's samples.

package rules

import (
	"errors"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ASCIIDomain returns the domain of email in the ASCII form DNS looks it
// up in (IDNA's ToASCII): each label folded as addresses are compared
// (compatibility forms, then case), and each label that is still not ASCII
// written as "xn--" and its Punycode. A character Email refuses as hidden
// is encoded as it is, where IDNA would drop or refuse it, so that the form
// still tells the domain from the one it looks like. ok is false when the
// domain is ASCII already, so that there is nothing to show beside it, or
// when email has no domain or a label Punycode cannot encode.
func ASCIIDomain(email string) (ascii string, ok bool) {
	at := strings.LastIndexByte(email, '@')
	if at < 0 || asciiOnly(email[at+1:]) {
		return "", false
	}
	labels := strings.Split(EmailKey(norm.NFKC.String(email[at+1:])), ".")
	for i, l := range labels {
		if asciiOnly(l) {
			continue
		}
		p, err := punycode(l)
		if err != nil {
			return "", false
		}
		labels[i] = "xn--" + p
	}
	return strings.Join(labels, "."), true
}

// RFC 3492 section 5's parameters for IDNA.
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
	// pcMaxDelta bounds the encoder's counter, so that a long label is
	// refused instead of overflowing it: far above what a 63-byte label needs.
	pcMaxDelta = 1 << 40
)

var errPunycodeOverflow = errors.New("punycode: label too long to encode")

// punycode encodes s as RFC 3492 section 6.3 does: its ASCII characters,
// a hyphen if there were any, then the insertions of the others.
func punycode(s string) (string, error) {
	runes := []rune(s)
	var out []byte
	for _, r := range runes {
		if r < pcInitialN {
			out = append(out, byte(r))
		}
	}
	basic := len(out)
	if basic > 0 {
		out = append(out, '-')
	}
	n, delta, bias := rune(pcInitialN), int64(0), pcInitialBias
	for h := basic; h < len(runes); {
		m := rune(0x7FFFFFFF)
		for _, r := range runes {
			if r >= n && r < m {
				m = r
			}
		}
		delta += int64(m-n) * int64(h+1)
		if delta > pcMaxDelta {
			return "", errPunycodeOverflow
		}
		n = m
		for _, r := range runes {
			if r < n {
				delta++
			}
			if r != n {
				continue
			}
			q := int(delta)
			for k := pcBase; ; k += pcBase {
				t := min(max(k-bias, pcTMin), pcTMax)
				if q < t {
					break
				}
				out = append(out, punycodeDigit(t+(q-t)%(pcBase-t)))
				q = (q - t) / (pcBase - t)
			}
			out = append(out, punycodeDigit(q))
			bias = punycodeAdapt(delta, h+1, h == basic)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out), nil
}

func punycodeDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// punycodeAdapt is RFC 3492 section 6.1's bias adaptation.
func punycodeAdapt(delta int64, points int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / int64(points)
	k := 0
	for delta > (pcBase-pcTMin)*pcTMax/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + int((pcBase-pcTMin+1)*delta/(delta+pcSkew))
}
