"""Belgian enterprise numbers (ondernemingsnummer, KBO).

What callers may rely on:

* ``parse_enterprise_number`` accepts the usual ways people type the number
  (``0123.456.789``, ``BE0123456789``, ``BE 0123.456.789``, ``be0123456789``,
  ``0123456789``, ``0123 456 789``, ``0123-456-789``) and the old 9-digit form
  (``123.456.789``), and returns exactly 10 ASCII digits. It never returns an
  invalid number: anything else raises ``EnterpriseNumberError``.
* ``EnterpriseNumberError`` is a ``ValueError``; ``str(error)`` is a complete
  Dutch sentence for the user and ``error.problem`` says which check failed.
* ``is_blank`` tells "not filled in" apart from "filled in wrongly", so a form
  can treat an empty optional field as absent instead of as an error.
* ``format_enterprise_number`` always returns the form ``0123.456.789``.
"""

from __future__ import annotations

from typing import Literal

from kmo_reintegratie.text import printable

__all__ = [
    "EnterpriseNumberError",
    "EnterpriseNumberProblem",
    "format_enterprise_number",
    "is_blank",
    "parse_enterprise_number",
]

EnterpriseNumberProblem = Literal["empty", "characters", "length", "first_digit", "check_digits"]

_DIGITS = frozenset("0123456789")
# Dots, spaces and dashes are how people group the digits; a Qt input mask for
# "0000.000.000" also leaves bare dots behind when nothing was typed.
_SEPARATORS = frozenset(".-")
_LENGTH = 10
_OLD_LENGTH = 9


class EnterpriseNumberError(ValueError):
    """An enterprise number that cannot be accepted.

    ``str(error)`` is a Dutch message meant for the user. ``problem`` is one of
    ``"empty"``, ``"characters"``, ``"length"``, ``"first_digit"`` or
    ``"check_digits"``.
    """

    def __init__(self, message: str, problem: EnterpriseNumberProblem) -> None:
        super().__init__(message)
        self.problem: EnterpriseNumberProblem = problem


def _is_separator(char: str) -> bool:
    return char in _SEPARATORS or char.isspace()


def _strip_country_prefix(text: str) -> str:
    stripped = text.strip()
    if stripped[:2].upper() == "BE":
        return stripped[2:]
    return stripped


def is_blank(text: str | None) -> bool:
    """Return True when nothing was filled in.

    ``None``, the empty string and text made only of whitespace, dots and
    dashes count as blank. Anything else (even a lone ``"BE"``) is not blank
    and goes through ``parse_enterprise_number`` for a proper message.
    """
    if text is None:
        return True
    return all(_is_separator(char) for char in text)


def parse_enterprise_number(text: str | None) -> str:
    """Validate an enterprise number and return its 10 digits.

    Accepts an optional ``BE`` prefix in any case, with or without a space, and
    dots, spaces or dashes between the digits. Nine digits not starting with 0
    are the old form and get a leading 0. Raises ``EnterpriseNumberError``
    otherwise; the checks run in the order empty, characters, length, first
    digit, check digits, so the message names the first thing that is wrong.
    """
    if is_blank(text):
        raise EnterpriseNumberError("Er is geen ondernemingsnummer ingevuld.", "empty")
    assert text is not None  # is_blank() covers None

    body = _strip_country_prefix(text)
    invalid = [char for char in body if char not in _DIGITS and not _is_separator(char)]
    if invalid:
        # Invisible characters (a NUL, half of an emoji) are named, so the message can be shown.
        shown = ", ".join(f"'{printable(char)}'" for char in list(dict.fromkeys(invalid))[:8])
        raise EnterpriseNumberError(
            "Een ondernemingsnummer bevat alleen cijfers, eventueel met 'BE' vooraan "
            f"en punten of spaties ertussen. Deze tekens horen er niet in: {shown}.",
            "characters",
        )

    digits = "".join(char for char in body if char in _DIGITS)
    if not digits:
        # Only "BE" and separators: the user started but typed no digits.
        raise EnterpriseNumberError(
            "Een ondernemingsnummer heeft 10 cijfers; u gaf er geen.", "length"
        )
    # Old numbers never started with 0, so nine digits that do are far more
    # likely a ten-digit number with a digit missing than an old number.
    if len(digits) == _OLD_LENGTH and digits[0] != "0":
        digits = "0" + digits
    if len(digits) != _LENGTH:
        raise EnterpriseNumberError(
            f"Een ondernemingsnummer heeft 10 cijfers; u gaf er {len(digits)}.", "length"
        )

    if digits[0] not in "01":
        raise EnterpriseNumberError(
            f"Een ondernemingsnummer begint met 0 of 1, niet met {digits[0]}.",
            "first_digit",
        )

    if _check_digits(digits) != int(digits[8:]):
        raise EnterpriseNumberError(
            f"De controlecijfers kloppen niet: {_format(digits)} is geen geldig "
            "ondernemingsnummer. Controleer op tikfouten.",
            "check_digits",
        )
    return digits


def format_enterprise_number(digits: str) -> str:
    """Return the number in the form ``0123.456.789``.

    Accepts anything ``parse_enterprise_number`` accepts (normally the 10
    digits it returned) and raises ``EnterpriseNumberError`` for anything else,
    so an invalid number is never shown as if it were valid.
    """
    return _format(parse_enterprise_number(digits))


def _check_digits(digits: str) -> int:
    return 97 - int(digits[:8]) % 97


def _format(digits: str) -> str:
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
