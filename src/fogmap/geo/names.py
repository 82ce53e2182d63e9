"""Place-name normalisation: the one key under which every spelling of a name is filed and looked up.

News writes the same place many ways ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"; "Ar Raqqah",
"Raqqa"; "Ḩamāh", "Hama"). The key folds what is spelling rather than name: case, diacritics,
apostrophes standing for ayn/hamza, hyphens and punctuation, the Arabic article in its assimilated
forms, a final "-ah"/"-eh" and doubled letters. Index and query fold the same way, so over-folding only
merges a few names (ranking then decides); under-folding loses a match outright.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into ASCII.
_LETTERS = str.maketrans({
    "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ə": "e",
    "þ": "th", "ħ": "h", "ŧ": "t", "ŋ": "n", "ſ": "s", "ɛ": "e", "ɔ": "o", "ǝ": "e", "ɨ": "i",
})
# Apostrophe-like marks (ayn ʿ, hamza ʾ, okina ʻ, quotes) carry no letter in a Latin key: "Dar'a" = "Dara".
_MARKS = re.compile(r"[\u0027\u0060\u00b4\u02b9-\u02bf\u02bb\u2018\u2019\u201b\u2032]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
# The Arabic article as its own word, assimilated or not (al-, el-, ar-, az-, ash-, ...), and "the".
_ARTICLES = frozenset(
    "al el ul il ar er as es az ez ad ed at et an en ash esh ath eth adh edh ad ud the".split()
)
# Abbreviations English uses interchangeably with the full word.
_WORDS = {"saint": "st", "mount": "mt", "sainte": "ste"}
_DOUBLED = re.compile(r"([a-z])\1+")
_FINAL_AH = re.compile(r"(?<=[a-z]{2})[ae]h\b")  # Hamah/Hama, Hasakeh/Hasaka, Jableh/Jabla


def fold(text: str) -> str:
    """Lower-case ASCII words of a name: diacritics and ayn/hamza marks dropped, punctuation a space.

    Returns "" when the name is in a non-Latin script (it has no ASCII form to match against).
    """
    text = text.casefold()
    if not text.isascii():  # most names are ASCII already: skip the Unicode work for them
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text).translate(_LETTERS))
        text = _MARKS.sub("", text)
        if any(ch.isalpha() for ch in _NON_ASCII.findall(text)):
            return ""
    else:
        text = _MARKS.sub("", text)
    return " ".join(_NOT_KEY.sub(" ", text).split())


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key of a place name: "Deir ez-Zor", "Deir al Zor" and "DEIR EZ ZOR" share "deir zor"."""
    words = fold(name).split()
    kept = [_WORDS.get(w, w) for w in words if w not in _ARTICLES] or words  # all article: keep it
    return _FINAL_AH.sub("a", _DOUBLED.sub(r"\1", " ".join(kept)))
