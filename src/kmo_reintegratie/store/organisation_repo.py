"""Reading and writing the organisation profile and its role contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kmo_reintegratie.organisation import (
    ORGANISATION_FIELDS,
    ROLE_FIELDS,
    Organisation,
    Role,
    RoleContact,
)

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


class OrganisationRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    def get(self) -> Organisation:
        db = self._dossier
        row = db.execute(
            "SELECT * FROM organisation WHERE id = 1"
        ).fetchone()
        columns = [d[0] for d in db.execute("SELECT * FROM organisation LIMIT 0").description]
        values = dict(zip(columns, row))
        fields = {name: values[name] for name in ORGANISATION_FIELDS}
        fields["contact_in_work_regulations"] = bool(fields["contact_in_work_regulations"])
        roles = {
            Role(r["role"]): RoleContact(Role(r["role"]), **{f: r[f] for f in ROLE_FIELDS})
            for r in db.query("SELECT * FROM role_contact")
            if r["role"] in Role._value2member_map_
        }
        return Organisation(**fields, roles=roles)

    def update(self, **changes: object) -> None:
        """Store already-cleaned values (see ``organisation.clean_field``)."""
        unknown = set(changes) - set(ORGANISATION_FIELDS)
        if unknown:
            raise KeyError(f"onbekende velden: {sorted(unknown)}")
        if not changes:
            return
        with self._dossier.writing() as db:
            db["organisation"].update(1, {**changes, "updated_at": self._dossier.now()})

    def set_role_contact(self, role: Role, **changes: str) -> None:
        unknown = set(changes) - set(ROLE_FIELDS)
        if unknown:
            raise KeyError(f"onbekende velden: {sorted(unknown)}")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            db.execute(
                "INSERT INTO role_contact (role, created_at, updated_at) VALUES (:role, :now, :now) "
                "ON CONFLICT(role) DO NOTHING",
                {"role": role.value, "now": now},
            )
            db["role_contact"].update(role.value, {**changes, "updated_at": now})
