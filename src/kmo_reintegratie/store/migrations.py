"""Schema versions of the dossier file and the steps between them.

``PRAGMA user_version`` holds the version. Each step upgrades a file by exactly
one version inside one transaction; steps are never edited once released, only
appended, so every older file takes the same road to the current schema. (Ad-hoc
``ALTER TABLE`` at start-up is what gave other programs "duplicate column"
errors for years.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x4B4D4F52  # "KMOR": marks the file as ours for `file` and for us.

Step = str | Callable[[sqlite3.Connection], None]
"""A step is an SQL script, or a function for data changes (``execute`` only)."""

V1_ORGANISATION = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL DEFAULT '',
    enterprise_number TEXT NOT NULL DEFAULT '',
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL DEFAULT '',
    employee_count INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
INSERT INTO organisation (id) VALUES (1);
"""

V2_PEOPLE_AND_CONTACT_PROCEDURE = """
ALTER TABLE organisation ADD COLUMN joint_committee TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN contact_by TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN contact_first_days INTEGER;
ALTER TABLE organisation ADD COLUMN contact_frequency_first_month TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN contact_frequency_after TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN contact_procedure TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN contact_in_work_regulations INTEGER NOT NULL DEFAULT 0;
CREATE TABLE role_contact (
    role TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""

V3_SELF_ASSESSMENT = """
CREATE TABLE assessment_round (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    based_on INTEGER REFERENCES assessment_round(id) ON DELETE SET NULL,
    closed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE TABLE assessment_answer (
    round_id INTEGER NOT NULL REFERENCES assessment_round(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('toegepast', 'overwegen', 'tekortkoming')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    PRIMARY KEY (round_id, question_id)
);
CREATE TABLE assessment_comment (
    round_id INTEGER NOT NULL REFERENCES assessment_round(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    PRIMARY KEY (round_id, section_id)
);
CREATE TABLE assessment_action (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES assessment_round(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    what TEXT NOT NULL CHECK (trim(what) <> ''),
    who TEXT NOT NULL DEFAULT '',
    due TEXT,
    remarks TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'bezig', 'afgerond')),
    carried_from INTEGER REFERENCES assessment_action(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX assessment_action_round ON assessment_action (round_id, section_id);
"""

V4_ABSENCES = """
CREATE TABLE employee (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    staff_number TEXT NOT NULL DEFAULT '',
    function TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    statute TEXT NOT NULL DEFAULT 'bediende' CHECK (statute IN ('arbeider', 'bediende')),
    in_service_from TEXT,
    out_of_service_from TEXT,
    manager TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX employee_department ON employee (department);
CREATE TABLE employee_regime (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    hours_per_week REAL NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    UNIQUE (employee_id, valid_from)
);
CREATE TABLE absence (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
    starts TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'ziekte',
    expected_end TEXT,
    returned_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    relapse_of INTEGER REFERENCES absence(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    CHECK (returned_on IS NULL OR returned_on > starts),
    CHECK (expected_end IS NULL OR expected_end >= starts)
);
CREATE INDEX absence_employee ON absence (employee_id, starts);
CREATE INDEX absence_starts ON absence (starts, returned_on);
CREATE TABLE certificate (
    id INTEGER PRIMARY KEY,
    absence_id INTEGER NOT NULL REFERENCES absence(id) ON DELETE CASCADE,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'ziekte',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    CHECK (ends >= starts)
);
CREATE INDEX certificate_absence ON certificate (absence_id, starts);
CREATE TABLE partial_return (
    id INTEGER PRIMARY KEY,
    absence_id INTEGER NOT NULL REFERENCES absence(id) ON DELETE CASCADE,
    starts TEXT NOT NULL,
    percentage REAL,
    hours_per_week REAL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE TABLE contact_agreement (
    id INTEGER PRIMARY KEY,
    absence_id INTEGER NOT NULL REFERENCES absence(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    contact_role TEXT NOT NULL DEFAULT 'leidinggevende',
    contact_name TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT 'telefoon',
    every_days INTEGER,
    employee_wishes TEXT NOT NULL DEFAULT '',
    no_contact INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX contact_agreement_absence ON contact_agreement (absence_id, valid_from);
CREATE TABLE contact_entry (
    id INTEGER PRIMARY KEY,
    absence_id INTEGER NOT NULL REFERENCES absence(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    made_by TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT 'telefoon',
    initiative TEXT NOT NULL DEFAULT 'werkgever',
    summary TEXT NOT NULL DEFAULT '',
    agreements TEXT NOT NULL DEFAULT '',
    info_given TEXT NOT NULL DEFAULT '[]',
    next_contact TEXT,
    signed_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX contact_entry_absence ON contact_entry (absence_id, at);
CREATE TABLE document_text (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""

V5_TRAJECTORIES = """
CREATE TABLE trajectory (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
    absence_id INTEGER REFERENCES absence(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('informeel', 'formeel')),
    initiator TEXT NOT NULL,
    request_date TEXT,
    request_received TEXT,
    assessment_received TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('A', 'B', 'C')),
    decision_conditions TEXT NOT NULL DEFAULT '',
    appeal_lodged_on TEXT,
    appeal_decision_received TEXT,
    appeal_outcome TEXT NOT NULL DEFAULT '',
    consultation_on TEXT,
    consultation_participants TEXT NOT NULL DEFAULT '',
    execution_notes TEXT NOT NULL DEFAULT '',
    evaluation_worked TEXT NOT NULL DEFAULT '',
    evaluation_better TEXT NOT NULL DEFAULT '',
    closed_on TEXT,
    closing_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX trajectory_employee ON trajectory (employee_id);
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY,
    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    made_on TEXT NOT NULL,
    workstation_adaptations TEXT NOT NULL DEFAULT '',
    adapted_work TEXT NOT NULL DEFAULT '',
    other_work TEXT NOT NULL DEFAULT '',
    training TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_until TEXT,
    adaptations TEXT NOT NULL DEFAULT '[]',
    schedule TEXT NOT NULL DEFAULT '[]',
    evaluation_moments TEXT NOT NULL DEFAULT '[]',
    aftercare_until TEXT,
    checklist TEXT NOT NULL DEFAULT '{}',
    delivered_on TEXT,
    signed_by_employer_on TEXT,
    response TEXT NOT NULL DEFAULT 'geen_antwoord',
    response_on TEXT,
    refusal_reasons TEXT NOT NULL DEFAULT '',
    reminder_sent_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    UNIQUE (trajectory_id, version)
);
CREATE TABLE motivated_report (
    id INTEGER PRIMARY KEY,
    trajectory_id INTEGER NOT NULL UNIQUE REFERENCES trajectory(id) ON DELETE CASCADE,
    made_on TEXT NOT NULL,
    considerations TEXT NOT NULL DEFAULT '[]',
    disability_accommodation TEXT NOT NULL DEFAULT '',
    delivered_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""

# Part-time work during the incapacity needs the advising physician's approval first
# (checklist 3; seed 002): informal trajectories rest on it.
V6_ADVISING_PHYSICIAN = """
ALTER TABLE trajectory ADD COLUMN advising_physician_approval_on TEXT;
"""

# A stable identity that survives renaming and moving the file: backups of a
# dossier are kept in a folder named after it (store/backup.py).
V7_DOSSIER_ID = """
INSERT OR IGNORE INTO meta (key, value) VALUES ('dossier_id', lower(hex(randomblob(16))));
"""

# The appeal term after decision B runs from the employee's receipt of the form.
V8_EMPLOYEE_RECEIPT = """
ALTER TABLE trajectory ADD COLUMN assessment_received_by_employee TEXT;
"""

# Issue 13: what the legal rules need to know, and two duties of the employer.
# - health_surveillance: the return-to-work examination after 4 weeks (Codex I.4).
# - contract_under_3_months (NULL: not known): a bediende on such a contract falls
#   under the arbeider scheme of guaranteed salary.
# - temporary_incapacity_ended_on: a work accident or occupational disease; a
#   trajectory may only start after the temporary incapacity under that regime.
# - returned_to_adapted_work: the return ending this absence was adapted or other
#   work within a re-integration plan; a new incapacity then gives no new salary.
# - preventive_request: a worker's preventive request to the arbeidsarts (2026) and
#   the employer's answer to the advice; force_majeure_check: the guided procedure of
#   medical force majeure for one absence. Neither stores any medical detail.
V9_LEGAL_FACTS_AND_DUTIES = """
ALTER TABLE employee ADD COLUMN health_surveillance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE employee ADD COLUMN contract_under_3_months INTEGER;
ALTER TABLE absence ADD COLUMN temporary_incapacity_ended_on TEXT;
ALTER TABLE absence ADD COLUMN returned_to_adapted_work INTEGER NOT NULL DEFAULT 0;
CREATE TABLE preventive_request (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
    requested_on TEXT NOT NULL,
    visit_on TEXT,
    advice_received_on TEXT,
    advice TEXT NOT NULL DEFAULT '',
    answered_on TEXT,
    answer TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX preventive_request_employee ON preventive_request (employee_id, requested_on);
CREATE TABLE force_majeure_check (
    absence_id INTEGER PRIMARY KEY REFERENCES absence(id) ON DELETE CASCADE,
    checklist TEXT NOT NULL DEFAULT '{}',
    notice_sent_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""

# A plan version printed for signature is fixed: what was signed is never changed.
V10_PLAN_FIXED_ON = """
ALTER TABLE plan_version ADD COLUMN fixed_on TEXT;
"""

# Privacy by design (GDPR): an append-only trail of who handled which record (never the
# content; store/audit.py fills it and finds a record's newest entry by the record index to
# merge autosaves), a person's data can be anonymised and keep only the facts past reports
# need, and retention terms the organisation may change per category (months; NULL: default).
V11_PRIVACY = """
CREATE TABLE audit_entry (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER,
    employee_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entry_employee ON audit_entry (employee_id, id);
CREATE INDEX audit_entry_record ON audit_entry (record_kind, record_id, id);
CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'Het logboek kan niet gewijzigd worden.');
END;
CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'Het logboek kan niet gewist worden.');
END;
ALTER TABLE employee ADD COLUMN anonymised_on TEXT;
CREATE TABLE retention_setting (
    category TEXT PRIMARY KEY,
    months INTEGER CHECK (months IS NULL OR months BETWEEN 1 AND 1200)
);
"""

#: MIGRATIONS[i] upgrades a file from version i to version i + 1.
MIGRATIONS: tuple[Step, ...] = (
    V1_ORGANISATION,
    V2_PEOPLE_AND_CONTACT_PROCEDURE,
    V3_SELF_ASSESSMENT,
    V4_ABSENCES,
    V5_TRAJECTORIES,
    V6_ADVISING_PHYSICIAN,
    V7_DOSSIER_ID,
    V8_EMPLOYEE_RECEIPT,
    V9_LEGAL_FACTS_AND_DUTIES,
    V10_PLAN_FIXED_ON,
    V11_PRIVACY,
)

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Upgrade ``conn`` one version at a time to ``target``; return the version it had.

    Each step commits on its own, so a crash halfway leaves a file at a
    complete earlier version that the next start continues from.
    """
    start = user_version(conn)
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            _apply(conn, MIGRATIONS[version])
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _apply(conn: sqlite3.Connection, step: Step) -> None:
    if callable(step):
        step(conn)
        return
    # Not executescript(): it commits first and would break the transaction.
    current = ""
    for line in step.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            conn.execute(current)
            current = ""
    if current.strip():
        raise ValueError(f"onvolledige SQL in migratie: {current!r}")
