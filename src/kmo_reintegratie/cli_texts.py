"""argparse's own texts in Dutch: usage, help headings and error messages.

argparse looks its texts up through ``gettext`` at the moment it prints them, by
the module globals ``_`` and ``ngettext``. Without a Dutch catalogue installed
on the user's machine they stay English, so the command line replaces those two
lookups with this table. Texts not in the table stay as argparse wrote them.
"""

from __future__ import annotations

import argparse

DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "ignored explicit argument %r": "genegeerde waarde %r",
}
DUTCH_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("verwacht %s waarde", "verwacht %s waarden"),
}


def dutch(message: str) -> str:
    return DUTCH.get(message, message)


def dutch_plural(singular: str, plural: str, count: int) -> str:
    one, many = DUTCH_PLURAL.get((singular, plural), (singular, plural))
    return one if count == 1 else many


def use_dutch() -> None:
    """Make every argparse parser in this process speak Dutch."""
    argparse._ = dutch  # type: ignore[attr-defined]
    argparse.ngettext = dutch_plural  # type: ignore[attr-defined]
