"""How long each kind of text field may be, and the Dutch message when it is longer.

One table for the window (``QLineEdit.setMaxLength``) and the domain checks, so what the
window lets through is exactly what the domain accepts. The limits are generous for real
use (an e-mail address may be 254 characters by RFC 5321) and keep a pasted novel out of a
name field, where it would make every printed letter unreadable.

What callers may rely on: ``limit_for(field)`` is a positive int for any field name (free
text when the name is unknown); ``check_length`` raises ``ValidationError`` (a
``ValueError`` whose text is the Dutch message) and never anything else.
"""

from __future__ import annotations

__all__ = [
    "EMAIL",
    "ENTERPRISE_NUMBER",
    "FIELD_LIMITS",
    "FREE_TEXT",
    "LINE",
    "NAME",
    "PHONE",
    "ValidationError",
    "check_length",
    "limit_for",
    "too_long_message",
]


class ValidationError(ValueError):
    """A field value that cannot be stored; ``str(error)`` is the Dutch message."""


NAME = 200  # a person, an organisation, a department, a function
EMAIL = 254  # RFC 5321's longest forward path
PHONE = 40  # with spaces, a country code and an extension
ENTERPRISE_NUMBER = 20  # "BE 0123.456.789" with room for stray spaces
POSTAL_CODE = 10
LINE = 500  # one line of text: an address, a frequency, a title
FREE_TEXT = 20_000  # notes, summaries, considerations: a few printed pages

FIELD_LIMITS: dict[str, int] = {
    "name": NAME,
    "organisation": NAME,
    "function": NAME,
    "department": NAME,
    "manager": NAME,
    "made_by": NAME,
    "contact_name": NAME,
    "who": NAME,
    "staff_number": 50,
    "phone": PHONE,
    "email": EMAIL,
    "enterprise_number": ENTERPRISE_NUMBER,
    "postal_code": POSTAL_CODE,
    "employee_count": 10,  # digits; the domain checks the number itself
    "contact_first_days": 10,
    "street": LINE,
    "city": NAME,
    "sector": NAME,
    "joint_committee": NAME,
    "contact_by": NAME,
    "address": LINE,
    "title": LINE,
    "contact_frequency_first_month": LINE,
    "contact_frequency_after": LINE,
}


def limit_for(field_name: str) -> int:
    """The most characters ``field_name`` may hold (``FREE_TEXT`` for any other field)."""
    return FIELD_LIMITS.get(field_name, FREE_TEXT)


def too_long_message(limit: int) -> str:
    thousands = f"{limit:,}".replace(",", ".")  # 20.000, as Belgians write it
    return f"Deze tekst is te lang (maximaal {thousands} tekens)."


def check_length(field_name: str, text: str) -> str:
    """``text`` unchanged, or ``ValidationError`` when it is longer than the field allows."""
    limit = limit_for(field_name)
    if len(text) > limit:
        raise ValidationError(too_long_message(limit))
    return text
