"""Reading rows by a list of ids that may be longer than SQLite's limit on parameters."""

from __future__ import annotations

from collections.abc import Collection, Iterator

#: Well under SQLITE_MAX_VARIABLE_NUMBER (999 before SQLite 3.32).
CHUNK = 900


def chunks(values: Collection[int]) -> Iterator[list[int]]:
    """``values`` without duplicates, sorted, in lists of at most ``CHUNK``."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def marks(chunk: list[int]) -> str:
    """The ``?, ?, …`` for one chunk in an ``IN (…)``."""
    return ",".join("?" * len(chunk))
