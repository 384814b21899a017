"""Relapse (herval): is a new incapacity within the window after the previous one?

The window runs from the day after the last day of incapacity (not from the return to work:
a Friday certificate and a Monday return start the window on Saturday) for 14 calendar days
before 2026 and 8 calendar weeks since 1 January 2026 (fact sheet §4.2; Securex; UCM).  The
regime follows the date of the new incapacity.  Only the same illness or accident makes it a
real relapse; the app stores no diagnosis and cannot know that.  For a chain of several
relapses, :mod:`guaranteed_salary` picks the period the window runs from.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.legal.base import (
    OCCUPATIONAL_KINDS,
    RELAPSE_DAYS_BEFORE_2026,
    RELAPSE_DAYS_SINCE_2026,
    RIT_2026,
    format_date_nl,
    normalise_kind,
)
from kmo_reintegratie.legal.records import RelapseCheck, RelapseWindow
from kmo_reintegratie.legal.rules import rule

_nl = format_date_nl

RELAPSE_MEANING = (
    "Het is enkel een herval als het medisch attest dezelfde ziekte of hetzelfde ongeval "
    "vermeldt; dan is geen nieuw gewaarborgd loon verschuldigd, enkel het saldo. Bij een "
    "andere ziekte loopt een nieuw gewaarborgd loon."
)
REASON_RELAPSE_TRANSITION = (
    "De werknemer hervatte vóór 1 januari 2026 en werd in 2026 opnieuw ongeschikt, meer dan "
    "14 dagen na de hervatting. Of dan de oude termijn (14 dagen) of de nieuwe (8 weken) "
    "geldt, staat niet in het feitenblad."
)
REASON_RELAPSE_BOUNDARY = (
    "De nieuwe ongeschiktheid begint de dag na het einde van de termijn. Zonder de laatste "
    "dag van het vorige attest rekent de app vanaf de hervatting; rekent men vanaf het einde "
    "van de vorige ongeschiktheid, dan kan de grensdag verschillen: te bevestigen."
)


def relapse_days(new_start: date) -> tuple[int, str]:
    """Length of the window in days and the rule key, by the date of the new incapacity."""
    if new_start >= RIT_2026:
        return RELAPSE_DAYS_SINCE_2026, "herval_8_weken"
    return RELAPSE_DAYS_BEFORE_2026, "herval_14_dagen"


def window_start(previous_return: date, previous_end: date | None) -> date:
    """First day of the window: the day after the last day of incapacity when known."""
    if previous_end is not None:
        if previous_end >= previous_return:
            raise ValueError("het attest eindigt niet vóór de werkhervatting")
        return previous_end + timedelta(days=1)
    return previous_return


def relapse_window(previous_return: date, *, previous_end: date | None = None) -> RelapseWindow:
    """Dates on which a new incapacity would be a possible relapse.

    ``previous_return`` is the first day back at work; ``previous_end`` the last day of the
    previous incapacity when the certificate is known (the window then starts the day after
    it).  For a return in late 2025 the window is shown up to the 8-week limit, flagged.
    """
    first = window_start(previous_return, previous_end)
    short_last = first + timedelta(days=RELAPSE_DAYS_BEFORE_2026 - 1)
    long_last = first + timedelta(days=RELAPSE_DAYS_SINCE_2026 - 1)
    if long_last < RIT_2026:
        r, last, reason, weeks = rule("herval_14_dagen"), short_last, None, "14 dagen"
    elif first >= RIT_2026:
        r, last, reason, weeks = rule("herval_8_weken"), long_last, None, "8 weken"
    else:
        r, last, weeks = rule("herval_8_weken"), long_last, "8 weken"
        reason = (
            f"Hervatting vóór 2026: een nieuwe ongeschiktheid vóór 1 januari 2026 is enkel een "
            f"herval tot en met {_nl(short_last)} (14 dagen). Of een nieuwe ongeschiktheid "
            "vanaf 1 januari 2026 na een hervatting in 2025 onder de oude termijn (14 dagen) of "
            "de nieuwe (8 weken) valt, staat niet in het feitenblad; de app toont de ruimste "
            "periode.")
    assert r.effective_from is not None
    return RelapseWindow(
        previous_return, first, last,
        f"Een nieuwe arbeidsongeschiktheid die begint van {_nl(first)} tot en met "
        f"{_nl(last)} (binnen {weeks} na het einde van de vorige ongeschiktheid) is een "
        "mogelijk herval. " + RELAPSE_MEANING,
        r.source, r.effective_from, reason is None, reason)


def is_possible_relapse(previous_return: date, new_start: date, *,
                        previous_end: date | None = None,
                        kind: object = None) -> RelapseCheck:
    """Is a new incapacity starting on ``new_start`` a possible relapse?

    ``previous_return`` is the first day back at work after the previous incapacity;
    ``previous_end`` the certificate's last day when known.  ``kind`` is the kind of the new
    incapacity (``absence.IncapacityKind`` or its value): for an occupational disease or a
    work accident a new guaranteed salary is due anyway, so the result is never "possible".
    """
    if new_start < previous_return:
        raise ValueError("de nieuwe ongeschiktheid begint vóór de hervatting")
    first = window_start(previous_return, previous_end)
    days, rule_key = relapse_days(new_start)
    last = first + timedelta(days=days - 1)
    if normalise_kind(kind) in OCCUPATIONAL_KINDS:
        r = rule("herval_beroepsziekte_arbeidsongeval")
        assert r.effective_from is not None
        return RelapseCheck(
            False, previous_return, new_start, last,
            "De nieuwe ongeschiktheid is een arbeidsongeval of beroepsziekte: de regels over "
            "herval gelden niet, er is opnieuw gewaarborgd loon verschuldigd (bij een "
            "beroepsziekte op voorwaarde dat de vorige ongeschiktheid beëindigd was).",
            r.source, r.effective_from, True, None, relapse_rules_apply=False)
    r = rule(rule_key)
    offset = (new_start - first).days
    possible = offset < days
    reasons: list[str] = []
    if offset == days and previous_end is None:
        reasons.append(REASON_RELAPSE_BOUNDARY)
    if (new_start >= RIT_2026 and first < RIT_2026
            and RELAPSE_DAYS_BEFORE_2026 <= offset <= RELAPSE_DAYS_SINCE_2026):
        reasons.append(REASON_RELAPSE_TRANSITION)
    term = "8 weken" if days == RELAPSE_DAYS_SINCE_2026 else "14 dagen"
    since = (f"het einde van de vorige ongeschiktheid ({_nl(previous_end)})"
             if previous_end is not None else f"de hervatting ({_nl(previous_return)})")
    if possible:
        text = f"De nieuwe ongeschiktheid ({_nl(new_start)}) begint binnen {term} na {since}. "
    else:
        text = (f"De nieuwe ongeschiktheid ({_nl(new_start)}) begint meer dan {term} na "
                f"{since}: geen herval, een nieuw gewaarborgd loon is verschuldigd. ")
    assert r.effective_from is not None
    return RelapseCheck(
        possible, previous_return, new_start, last,
        text + (RELAPSE_MEANING if possible else ""),
        r.source, r.effective_from, not reasons, " ".join(reasons) or None)
