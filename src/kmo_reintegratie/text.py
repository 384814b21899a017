"""Text as it enters the program (keyboard, clipboard, file), made safe to store.

What callers may rely on:

* ``clean_text(value)`` returns text that SQLite can store and give back unchanged:
  it always encodes as UTF-8 and holds no NUL character. A broken clipboard or a
  file name in a foreign encoding can hand Python a lone UTF-16 surrogate
  (``"\\ud800"``), which every write would refuse with ``UnicodeEncodeError``;
  such surrogates are dropped, a surrogate *pair* becomes the character it
  encodes. Emoji, right-to-left marks and combining accents are kept as typed.
* ``is_ascii_number(text)`` is True only for ASCII digits: ``"²".isdigit()``
  and ``"٣".isdigit()`` are True, but neither is a number a Belgian form expects.
"""

from __future__ import annotations

__all__ = ["clean_text", "is_ascii_number", "printable"]


def clean_text(value: str) -> str:
    """``value`` without lone surrogates and NUL characters (see the module docstring)."""
    if value.isascii():  # the common case, and the fast one
        return value.replace("\x00", "") if "\x00" in value else value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16 a valid pair is joined into one character and a lone half is
        # dropped ("ignore"), which is what a user whose clipboard broke would expect.
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return value.replace("\x00", "")


def is_ascii_number(text: str) -> bool:
    """True for a non-empty run of 0-9 only."""
    return text.isascii() and text.isdigit()


def printable(char: str) -> str:
    """One character as it can be shown in a message: invisible ones as ``U+XXXX``."""
    return char if char.isprintable() else f"U+{ord(char):04X}"
