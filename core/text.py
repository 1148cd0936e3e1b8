"""Pure helpers for Arabic text: cleaning, normalising for matching, and bidi isolation."""

import re

# Bidi embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls: a reader or a
# feed can use them to make text display in an order other than the one stored.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0/C1 control characters other than tab and newline; NUL among them breaks XML and databases.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WHITESPACE = re.compile(r"\s+")

TATWEEL = "\u0640"
DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})

# A run of Latin script inside Arabic text, with the brackets or parentheses that enclose it.
_LATIN = "A-Za-z\u00c0-\u024f"
_LATIN_RUN = f"[{_LATIN}][{_LATIN}0-9 .,'’&:/+-]*[{_LATIN}0-9]|[{_LATIN}]"
LATIN_RUN = re.compile(rf"\[(?:{_LATIN_RUN})\]|\((?:{_LATIN_RUN})\)|(?:{_LATIN_RUN})")


def strip_controls(value):
    """Remove control characters and bidi overrides; keep tabs and line breaks."""
    return BIDI_CONTROLS.sub("", CONTROL_CHARS.sub("", value))


def has_forbidden_controls(value):
    return bool(CONTROL_CHARS.search(value) or BIDI_CONTROLS.search(value))


def single_line(value):
    """Collapse every run of whitespace, line breaks included, into one space."""
    return WHITESPACE.sub(" ", strip_controls(value)).strip()


def normalise_arabic(value):
    """Fold the forms a writer may vary so that matching ignores them (search, word lists)."""
    value = DIACRITICS.sub("", value.replace(TATWEEL, ""))
    return value.translate(LETTER_FOLDS).casefold()


def latin_runs(value):
    """Split text into (segment, is_latin) pairs; Latin runs keep their enclosing brackets."""
    position = 0
    for match in LATIN_RUN.finditer(value):
        if match.start() > position:
            yield value[position : match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(value):
        yield value[position:], False


def has_arabic(value):
    return any("\u0600" <= char <= "\u06ff" for char in value)


# Prefixes a word may carry (and, the, with the, so the, like the, for the); stripped for
# matching because PostgreSQL's Arabic stemmer leaves «والمدرسة» whole.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
WORD = re.compile(r"\w+")


def strip_prefix(word):
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def search_terms(value, limit=10):
    """Normalised query words with their prefixes stripped, in order, without repeats."""
    terms = []
    for word in WORD.findall(normalise_arabic(value)):
        term = strip_prefix(word)
        if term not in terms:
            terms.append(term)
    return terms[:limit]


def search_document(*texts):
    """The text a search matches against: normalised words, and each stripped of its prefix."""
    words = WORD.findall(normalise_arabic(" ".join(texts)))
    stems = {strip_prefix(word) for word in words} - set(words)
    return " ".join(words + sorted(stems))


def normalise_with_positions(value):
    """normalise_arabic, and for each character of the result its index in `value`."""
    chars, positions = [], []
    for index, char in enumerate(value):
        for folded in normalise_arabic(char):
            chars.append(folded)
            positions.append(index)
    return "".join(chars), positions
