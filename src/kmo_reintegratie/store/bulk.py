"""Fast loading of many generated records (sample and benchmark dossiers only).

Skips the per-record checks of the repositories: the caller guarantees
consistent data (no overlapping absences, dates in order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


def bulk_load(dossier: "Dossier", *, employees: list[dict[str, Any]], regimes: list[dict[str, Any]],
              absences: list[dict[str, Any]], partial_returns: list[dict[str, Any]] = ()) -> None:  # type: ignore[assignment]
    now = dossier.now()
    stamp = {"created_at": now, "updated_at": now}
    with dossier.writing() as db:
        db["employee"].insert_all(({**e, **stamp} for e in employees), batch_size=1000)
        db["employee_regime"].insert_all(({**r, **stamp} for r in regimes), batch_size=1000)
        db["absence"].insert_all(({**a, **stamp} for a in absences), batch_size=2000)
        if partial_returns:
            db["partial_return"].insert_all(({**p, **stamp} for p in partial_returns), batch_size=1000)
