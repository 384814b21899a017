"""Command line: ``kmo-reintegratie [DOSSIER]`` and its headless sub-commands.

The window is imported lazily so that ``--version``, ``demo``, ``export`` and
``backup`` start fast and work without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kmo_reintegratie import __version__, paths
from kmo_reintegratie.os_errors import os_error_text

SUBCOMMANDS = ("demo", "export", "backup")


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kmo-reintegratie",
        description="KMO Re-integratie: re-integratie van langdurig zieke werknemers, offline.",
        epilog="Sub-opdrachten: 'kmo-reintegratie demo PAD', "
        "'kmo-reintegratie export DOSSIER DOCUMENT -o UITVOER' en "
        "'kmo-reintegratie backup DOSSIER -o KOPIE' (gebruik --help erbij).",
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
    return parser


def _demo_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kmo-reintegratie demo", description="Schrijf een demodossier.")
    parser.add_argument("path", type=Path, metavar="PAD", help="het nieuwe dossierbestand")
    parser.add_argument("--overschrijven", action="store_true", help="bestaand bestand vervangen")
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
    return parser


def _fail(message: str, code: int = 2) -> int:
    print(f"kmo-reintegratie: {message}", file=sys.stderr)
    return code


def run_demo(argv: list[str]) -> int:
    from kmo_reintegratie.demo import write_demo
    from kmo_reintegratie.store.errors import DossierError

    args = _demo_parser().parse_args(argv)
    if args.path.exists():
        if not args.overschrijven:
            return _fail(f"{args.path} bestaat al; gebruik --overschrijven om het te vervangen.")
        args.path.unlink()
    try:
        write_demo(args.path)
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    print(f"Demodossier geschreven: {args.path}")
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
    try:
        dossier = Dossier.open(args.dossier, read_only=True)
    except DossierError as error:
        return _fail(f"{error.message} {error.advice}".strip())
    options = ExportOptions(
        args.employee, args.year, args.date_from, args.date_to, department=args.department,
        initials=args.initials,
    )
    try:
        written = kind.export(dossier, args.output, options)
    except ValueError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"kan {args.output} niet schrijven: {os_error_text(error)}")
    finally:
        dossier.close()
    for path in written:
        print(path)
    return 0


def run_backup(argv: list[str]) -> int:
    from kmo_reintegratie.store.backup import BackupExistsError, write_backup
    from kmo_reintegratie.store.dossier import inspect
    from kmo_reintegratie.store.errors import DossierError, NewerDossierError

    args = _backup_parser().parse_args(argv)
    try:
        # Refuses what is not a dossier (and rolls back a crash's journal first);
        # a dossier of a newer version is still worth a copy.
        inspect(args.dossier.absolute())
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


def main(argv: list[str] | None = None) -> int:
    from kmo_reintegratie.cli_texts import use_dutch

    use_dutch()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        run = {"demo": run_demo, "export": run_export, "backup": run_backup}[argv[0]]
        return run(argv[1:])
    args = _main_parser().parse_args(argv)
    if args.data_dir:
        paths.set_home(args.data_dir)
    from kmo_reintegratie.qt_check import check_system_libraries

    # Qt aborts with an English message when an X11 library is missing; say it in Dutch first.
    missing = check_system_libraries()
    if missing:
        return missing
    if args.check_startup:
        from kmo_reintegratie.ui.app import check_startup

        return check_startup(args.check_startup)
    from kmo_reintegratie.ui.app import run_gui

    return run_gui(args.dossier)


if __name__ == "__main__":
    sys.exit(main())
