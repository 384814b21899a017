"""Command line: ``kmo-reintegratie [DOSSIER]`` and its headless sub-commands.

The window is imported lazily so that ``--version``, ``demo``, ``export`` and
``backup`` start fast and work without a display.

Every command that opens a dossier protected with a password takes it from the first
line of ``--wachtwoord-bestand BESTAND`` or, on a terminal, from a hidden prompt; the
password is then held in this process's memory only (``store.cipher``), never in argv.
"""

from __future__ import annotations

import time

#: ``time.perf_counter()`` as this module began: where the system cannot tell when the
#: process started, ``--check-startup`` counts from here (see :func:`process_started`).
STARTED = time.perf_counter()

# After STARTED on purpose: the start-up check counts these imports too.
import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from kmo_reintegratie import __version__, paths  # noqa: E402
from kmo_reintegratie.os_errors import os_error_text  # noqa: E402

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

SUBCOMMANDS = ("demo", "export", "backup", "versleutelen", "ontsleutelen")
#: The documents that are letters to one person and take ``--aanspreking``.
LETTERS = ("infobrief", "preventief")


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kmo-reintegratie",
        description="KMO Re-integratie: re-integratie van langdurig zieke werknemers, offline.",
        epilog="Sub-opdrachten: 'kmo-reintegratie demo PAD', "
        "'kmo-reintegratie export DOSSIER DOCUMENT -o UITVOER', "
        "'kmo-reintegratie backup DOSSIER -o KOPIE', "
        "'kmo-reintegratie versleutelen DOSSIER' en "
        "'kmo-reintegratie ontsleutelen DOSSIER' (gebruik --help erbij).",
    )
    parser.add_argument("dossier", nargs="?", type=Path, help="het dossier (.kmo) om te openen")
    parser.add_argument("--version", action="version", version=f"kmo-reintegratie {__version__}",
                        help="toon het versienummer en stop")
    parser.add_argument("--data-dir", type=Path, metavar="MAP",
                        help="map voor instellingen en standaarddossier")
    parser.add_argument(
        "--check-startup",
        type=Path,
        metavar="DOSSIER",
        help="open het venster op DOSSIER, druk de opstarttijd in ms af en stop",
    )
    _password_option(parser, "het wachtwoord van een beveiligd dossier staat op de eerste regel "
                     "van BESTAND (zonder deze optie vraagt het venster erom, bij --check-startup "
                     "de terminal)")
    return parser


PASSWORD_HELP = ("het wachtwoord van een beveiligd dossier staat op de eerste regel van BESTAND "
                 "(zonder deze optie wordt het in een terminal gevraagd)")


def _password_option(parser: argparse.ArgumentParser, help_text: str = PASSWORD_HELP) -> None:
    parser.add_argument("--wachtwoord-bestand", dest="password_file", type=Path,
                        metavar="BESTAND", help=help_text)


def _demo_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kmo-reintegratie demo", description="Schrijf een demodossier.")
    parser.add_argument("path", type=Path, metavar="PAD", help="het nieuwe dossierbestand")
    parser.add_argument("--overschrijven", action="store_true", help="bestaand bestand vervangen")
    parser.add_argument("--groot", action="store_true",
                        help="een groot gegenereerd dossier (2.000 werknemers, 50.000 afwezigheden "
                        "over tien jaar, 100.000 contacten) om te proberen en te meten")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    from kmo_reintegratie.documents.registry import EXPORTS

    known = "\n".join(f"  {name:<14} {kind.usage}" for name, kind in EXPORTS.items())
    parser = argparse.ArgumentParser(
        prog="kmo-reintegratie export",
        description="Druk een document af naar PDF of schrijf de agenda (.ics), zonder venster.",
        epilog=f"Documenten:\n{known}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dossier", type=Path, metavar="DOSSIER")
    parser.add_argument("document", metavar="DOCUMENT", help="naam van het document (zie hieronder)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="UITVOER",
                        help="PDF- of agendabestand, of map")
    parser.add_argument("--employee", "--werknemer", dest="employee", metavar="NAAM",
                        help="enkel deze werknemer")
    parser.add_argument("--jaar", type=int, dest="year", metavar="JAAR")
    parser.add_argument("--van", dest="date_from", metavar="DATUM")
    parser.add_argument("--tot", dest="date_to", metavar="DATUM")
    parser.add_argument("--afdeling", dest="department", metavar="NAAM",
                        help="analyse: enkel deze afdeling")
    parser.add_argument("--volledige-namen", dest="initials", action="store_false",
                        help="agenda: volledige namen in plaats van initialen")
    parser.add_argument("--aanspreking", dest="salutation", metavar="TEKST",
                        help="infobrief, preventief: de aanspreking van de brief, bv. "
                        "\"Geachte heer Verhaegen,\" (standaard \"Beste <voornaam>,\"); "
                        "enkel voor één brief, dus samen met --werknemer")
    _password_option(parser)
    return parser


def _backup_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kmo-reintegratie backup",
        description="Maak een gecontroleerde reservekopie van een dossier, "
        "ook terwijl het elders geopend is.",
    )
    parser.add_argument("dossier", type=Path, metavar="DOSSIER", help="het dossier (.kmo)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="KOPIE",
                        help="het bestand voor de reservekopie")
    parser.add_argument("--overschrijven", action="store_true", help="bestaand bestand vervangen")
    _password_option(parser)
    return parser


def _cipher_parser(name: str, description: str, password_help: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"kmo-reintegratie {name}", description=description)
    parser.add_argument("dossier", type=Path, metavar="DOSSIER", help="het dossier (.kmo)")
    _password_option(parser, password_help)
    return parser


def _fail(message: str, code: int = 2) -> int:
    print(f"kmo-reintegratie: {message}", file=sys.stderr)
    return code


def run_demo(argv: list[str]) -> int:
    from kmo_reintegratie.demo import write_demo, write_large_demo
    from kmo_reintegratie.store.errors import DossierError

    args = _demo_parser().parse_args(argv)
    if args.path.exists():
        if not args.overschrijven:
            return _fail(f"{args.path} bestaat al; gebruik --overschrijven om het te vervangen.")
        args.path.unlink()
    try:
        write_large_demo(args.path) if args.groot else write_demo(args.path)
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    print(f"{'Groot demodossier' if args.groot else 'Demodossier'} geschreven: {args.path}")
    return 0


def run_export(argv: list[str]) -> int:
    from kmo_reintegratie.documents.registry import EXPORTS, ExportOptions
    from kmo_reintegratie.store.dossier import Dossier
    from kmo_reintegratie.store.errors import DossierError

    args = _export_parser().parse_args(argv)
    kind = EXPORTS.get(args.document)
    if kind is None:
        listing = "\n".join(f"  {name:<14} {k.usage}" for name, k in EXPORTS.items())
        return _fail(f"onbekend document '{args.document}'. Bekende documenten:\n{listing}")
    if args.salutation is not None and args.document not in LETTERS:
        return _fail(f"--aanspreking geldt enkel voor een brief ({', '.join(LETTERS)}), "
                     f"niet voor '{args.document}'.")
    refused = _unlock(args.dossier, args.password_file)
    if refused is not None:
        return refused
    try:
        dossier = Dossier.open(args.dossier, read_only=True)
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    options = ExportOptions(
        args.employee, args.year, args.date_from, args.date_to, department=args.department,
        initials=args.initials, salutation=args.salutation,
    )
    try:
        written = kind.export(dossier, args.output, options)
        people = _people_named(dossier, args.employee)
    except ValueError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"kan {args.output} niet schrijven: {os_error_text(error)}")
    finally:
        dossier.close()
    for path in written:
        print(path)
    _log_export(args.dossier, kind.name, people)
    return 0


def _people_named(dossier: "Dossier", employee: str | None) -> tuple[int, ...]:
    """The people an export with ``--employee`` was about (the exporters' own matching)."""
    if not employee:
        return ()
    wanted = employee.strip().casefold()
    return tuple(e.id for e in dossier.employees.list() if wanted in e.name.casefold())


def _log_export(dossier_path: Path, document: str, people: tuple[int, ...]) -> None:
    """An export with personal data is in the dossier's logbook (who, when, which document)."""
    from kmo_reintegratie.audit_log import document_label
    from kmo_reintegratie.store.audit import record_on_file

    problem = record_on_file(dossier_path, "exported", employee_ids=people,
                             detail=document_label(document))
    if problem:
        print(f"Let op: {problem}", file=sys.stderr)


def run_backup(argv: list[str]) -> int:
    from kmo_reintegratie.store import cipher
    from kmo_reintegratie.store.backup import BackupExistsError, write_backup
    from kmo_reintegratie.store.dossier import inspect
    from kmo_reintegratie.store.errors import DossierError, NewerDossierError

    args = _backup_parser().parse_args(argv)
    refused = _unlock(args.dossier, args.password_file)
    if refused is not None:
        return refused
    try:
        # Refuses what is not a dossier (and rolls back a crash's journal first);
        # a dossier of a newer version is still worth a copy.
        inspect(args.dossier.absolute(), cipher.password_for(args.dossier))
    except NewerDossierError:
        pass
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    try:
        written = write_backup(args.dossier, args.output, overwrite=args.overschrijven)
    except BackupExistsError:
        return _fail(f"{args.output} bestaat al; gebruik --overschrijven om het te vervangen.")
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    print(written)
    return 0


def run_encrypt(argv: list[str]) -> int:
    from kmo_reintegratie.store import cipher
    from kmo_reintegratie.store.errors import DossierError

    args = _cipher_parser(
        "versleutelen", "Beveilig een dossier met een wachtwoord (ook zijn reservekopieën).",
        "het nieuwe wachtwoord staat op de eerste regel van BESTAND "
        "(zonder deze optie wordt het in een terminal twee keer gevraagd)",
    ).parse_args(argv)
    if cipher.looks_encrypted(args.dossier):
        return _fail(f"{args.dossier} is al beveiligd met een wachtwoord.")
    password: str | int | None
    if args.password_file is not None:
        password = _read_password_file(args.password_file)
    elif _interactive():
        print(FORGOTTEN, file=sys.stderr)
        password = _ask_hidden("Nieuw wachtwoord: ")
        if password is not None and _ask_hidden("Herhaal het wachtwoord: ") != password:
            return _fail("de twee wachtwoorden verschillen; het dossier is niet gewijzigd.")
    else:
        return _fail(f"geef het nieuwe wachtwoord voor {args.dossier} met --wachtwoord-bestand "
                     "BESTAND (op de eerste regel), of start de opdracht in een terminal.")
    if isinstance(password, int):
        return password
    if password is None:
        return _fail("geen wachtwoord gegeven; het dossier is niet gewijzigd.")
    try:
        cipher.check_new_password(password)
        followed = cipher.encrypt(args.dossier, password)
    except ValueError as error:
        return _fail(f"{error} Het dossier is niet gewijzigd.")
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    print(f"{args.dossier} is beveiligd met een wachtwoord"
          + (f", samen met {followed} reservekopie(ën)." if followed else "."))
    print(FORGOTTEN)
    return 0


def run_decrypt(argv: list[str]) -> int:
    from kmo_reintegratie.store import cipher
    from kmo_reintegratie.store.errors import DossierError

    args = _cipher_parser(
        "ontsleutelen", "Verwijder het wachtwoord van een dossier: het wordt weer een gewoon "
        "bestand dat iedereen met het bestand kan lezen (ook zijn reservekopieën).",
        PASSWORD_HELP,
    ).parse_args(argv)
    if not cipher.looks_encrypted(args.dossier):
        return _fail(f"{args.dossier} is niet beveiligd met een wachtwoord.")
    refused = _unlock(args.dossier, args.password_file)
    if refused is not None:
        return refused
    password = cipher.password_for(args.dossier)
    assert password is not None
    try:
        followed = cipher.decrypt(args.dossier, password)
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    print(f"Het wachtwoord van {args.dossier} is verwijderd"
          + (f", ook van {followed} reservekopie(ën)." if followed else "."))
    return 0


FORGOTTEN = ("Let op: bewaar het wachtwoord goed. Vergeet u het, dan zijn de gegevens in het "
             "dossier verloren; niemand kan ze nog openen.")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask_hidden(prompt: str) -> str | None:
    """Ask on the terminal without echo; None when the user breaks off (Ctrl+C, Ctrl+D)."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return None


def _read_password_file(path: Path) -> str | int:
    """The first line of ``path``; an exit code (after a Dutch message) when there is none."""
    try:
        # utf-8-sig: Windows Notepad starts a file with a byte order mark.
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return _fail(f"het wachtwoordbestand {path} is geen tekstbestand (UTF-8).")
    except OSError as error:
        return _fail(f"het wachtwoordbestand {path} kan niet gelezen worden: "
                     f"{os_error_text(error)}")
    if not lines or not lines[0]:
        return _fail(f"de eerste regel van het wachtwoordbestand {path} is leeg.")
    return lines[0]


def _unlock(dossier: Path, password_file: Path | None) -> int | None:
    """Hold the password of a protected ``dossier`` for this process; an exit code when refused.

    A plain dossier needs nothing (a password file is then ignored).
    """
    from kmo_reintegratie.store import cipher

    path = dossier.absolute()
    if not cipher.looks_encrypted(path):
        return None
    if password_file is not None:
        password = _read_password_file(password_file)
        if isinstance(password, int):
            return password
        if not cipher.password_fits(path, password):
            return _fail(f"{dossier}: het wachtwoord in {password_file} is niet juist.")
    elif _interactive():
        for _attempt in range(3):
            typed = _ask_hidden(f"Wachtwoord voor {path.name}: ")
            if typed is None:
                return _fail(f"geen wachtwoord gegeven; {dossier} is niet geopend.")
            if cipher.password_fits(path, typed):
                password = typed
                break
            print("Het wachtwoord is niet juist.", file=sys.stderr)
        else:
            return _fail(f"drie keer een verkeerd wachtwoord; {dossier} is niet geopend.")
    else:
        return _fail(f"{dossier} is beveiligd met een wachtwoord. Geef het wachtwoord met "
                     "--wachtwoord-bestand BESTAND (op de eerste regel), of start de opdracht "
                     "in een terminal om het te typen.")
    cipher.remember(path, password)
    return None


def process_started() -> float:
    """When this process started, as a ``time.perf_counter()`` value.

    On Linux from the kernel (interpreter start and every import included; the kernel
    counts in clock ticks, so up to 10 ms early); elsewhere :data:`STARTED`, which misses
    only the interpreter's own start.
    """
    try:
        with open("/proc/self/stat", "rb") as handle:
            stat = handle.read()
        # Field 22, counted after the command name in parentheses (which may hold spaces).
        ticks = int(stat[stat.rindex(b")") + 2:].split()[19])
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return STARTED
    started = time.perf_counter() - age
    # A clock that disagrees (a container, a suspended machine) is not believed.
    return started if STARTED - 60 < started <= STARTED else STARTED


def _prepare_qt() -> None:
    """Load Qt without PySide6 reading the source of every module imported after it.

    The dossier layers the first page needs are imported first as well: modules imported
    before Qt are never read, also where :func:`skip_feature_scan` finds a PySide6 it does
    not know.
    """
    import kmo_reintegratie.overview  # noqa: F401 (what Overzicht computes)
    import kmo_reintegratie.store.dossier  # noqa: F401
    from kmo_reintegratie.ui.feature_scan import skip_feature_scan

    skip_feature_scan()


def main(argv: list[str] | None = None) -> int:
    from kmo_reintegratie.cli_texts import use_dutch

    use_dutch()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        run = {"demo": run_demo, "export": run_export, "backup": run_backup,
               "versleutelen": run_encrypt, "ontsleutelen": run_decrypt}[argv[0]]
        return run(argv[1:])
    args = _main_parser().parse_args(argv)
    if args.data_dir:
        paths.set_home(args.data_dir)
    # Starting makes some 40,000 objects the cycle collector tracks, and all of them stay: it
    # would walk them some sixty times (~9 ms of the start) to find nothing. The window turns
    # it back on once it is painted; this function, at the latest, when the window is gone.
    gc.disable()
    try:
        return _run_window(args)
    finally:
        gc.enable()


def _run_window(args: argparse.Namespace) -> int:
    if args.check_startup or args.dossier:
        from kmo_reintegratie.store import early_check

        early_check.start(args.check_startup or args.dossier)  # while the window loads
    from kmo_reintegratie.qt_check import check_system_libraries

    # Qt aborts with an English message when an X11 library is missing; say it in Dutch first.
    missing = check_system_libraries()
    if missing:
        return missing
    _prepare_qt()
    if args.check_startup:
        refused = _unlock(args.check_startup, args.password_file)
        if refused is not None:
            return refused
        from kmo_reintegratie.ui.app import check_startup

        return check_startup(args.check_startup, process_started())
    if args.dossier is not None and args.password_file is not None:
        # Without a password file the window asks for it itself, in a dialog.
        refused = _unlock(args.dossier, args.password_file)
        if refused is not None:
            return refused
    from kmo_reintegratie.ui.app import run_gui

    return run_gui(args.dossier)


if __name__ == "__main__":
    sys.exit(main())
