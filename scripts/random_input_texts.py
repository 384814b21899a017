"""What the random-input runner types: from ordinary Dutch words to 5,000-character strings.

Only plain functions of a ``random.Random``: the same seed gives the same texts.
"""

from __future__ import annotations

import random

WORDS = (
    "werkhervatting", "arbeidsarts", "Jan Peeters", "Zoë Dupré", "afdeling Linde", "Mechelen",
    "aangepast werk", "preventieadviseur", "vertrouwenspersoon", "re-integratieplan", "herval",
    "gesprek gepland", "telefonisch contact", "deeltijdse hervatting", "Noël", "Anaïs", "café",
    "Keuken", "Logistiek en onderhoud", "Ter Linde vzw", "jan.peeters@voorbeeld.be",
    "+32 470 12 34 56", "0456.789.133", "BE0456789133", "Zorgkundige", "bediende", "arbeider",
)
DATES = (
    "12-03-2026", "1/1/2026", "31-02-2026", "2026-03-12", "00-00-0000", "29-02-2028", "12.03.26",
    "31/12/1899", "01-01-9999", "7-7-7", "13-13-2026",
)
NUMBERS = ("0", "-1", "1", "38", "4/5", "80%", "5,5", "1.000,50", "19,0", "99999999999999999999")
SPECIAL = (
    "", " ", "²", "³½", "\u200f\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u202eabc\u202c", "😀👍🏽", "🇧🇪", "a\u0301e\u0301", "<b>vet</b>", "'; DROP TABLE employees;--",
    "%s %d {0} {name}", "\t", "regel 1\nregel 2", "\\\\server\\share", "ẞß", "ｆｕｌｌ",
    "\u00a0\u2007\u202f", "\ufeff", "\x00nul", "\u2028",
)


def _long(rng: random.Random) -> str:
    kind = rng.choice(("x", "digits", "words", "emoji", "rtl"))
    if kind == "x":
        return "x" * 5000
    if kind == "digits":
        return "".join(rng.choice("0123456789") for _ in range(5000))
    if kind == "words":
        return " ".join(rng.choice(WORDS) for _ in range(400))[:5000]
    if kind == "emoji":
        return "😀🇧🇪²" * 1000
    return ("\u200fשלום " * 1000)[:5000]


def random_text(rng: random.Random) -> str:
    """One text a user (or a paste) might put into a field."""
    kind = rng.choices(
        ("word", "words", "date", "number", "digits", "special", "long", "empty"),
        weights=(25, 12, 15, 10, 8, 15, 6, 5),
    )[0]
    if kind == "word":
        return rng.choice(WORDS)
    if kind == "words":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
    if kind == "date":
        return rng.choice(DATES)
    if kind == "number":
        return rng.choice(NUMBERS)
    if kind == "digits":
        return str(rng.randrange(10 ** rng.randint(1, 25)))
    if kind == "special":
        return rng.choice(SPECIAL)
    if kind == "long":
        return _long(rng)
    return ""


def shown(text: str, limit: int = 48) -> str:
    """A log-friendly form of ``text``: repr, shortened, with its length."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} chars)"
