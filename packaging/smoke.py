"""Frozen smoke test: run the built program the way a user's computer would, without Python.

    python packaging/smoke.py [dist/kmo-reintegratie] [--tarball dist/….tar.gz]

Every command runs with a clean environment: no Python on PATH (an empty folder on Linux
and macOS, only the Windows system folders on Windows), HOME in a temporary folder, no
PYTHONPATH or virtual environment, QT_QPA_PLATFORM=offscreen. Checked:

* ``--version`` prints the version of the package metadata;
* ``demo`` writes a dossier, ``--check-startup`` opens the real window on it and paints
  (``demo --groot`` too, once the command line offers it);
* ``export`` of every document ``export --help`` lists (the same names as the registry),
  each a real PDF or calendar file; documents the demo has nothing for are printed from a
  second dossier made here; with pdftotext on the PATH, each PDF's text equals what the
  Python program prints from a copy of the dossier as it was before the frozen export
  (fonts, hyphenation, resources all bundled; an export is logged in the dossier, and the
  inzage prints that logbook);
* ``backup`` makes a verified copy;
* a password-protected dossier (SQLCipher) makes the round trip: ``versleutelen`` with
  ``--wachtwoord-bestand``, ``export`` and ``--check-startup`` with it, refused without it or
  with a wrong one, ``ontsleutelen`` back to a plain dossier that exports without a password;
* every Qt module the sources import is bundled (the lazily imported ones included), and
  every file of resources/ (manual, instrument, fonts, privacy word lists);
* nothing is written inside the program folder (it may be read-only, e.g. /Applications);
* Linux: every bundled library finds the Qt libraries it needs (ldd), and the tar.gz
  installs with install.sh into a temporary home, opens, and uninstalls leaving dossiers;
* Windows: the windowed kmo-reintegratie.exe starts the window too (the commands run
  through kmo-reintegratie-cli.exe, which has a console); macOS: the .app bundle's program
  runs and its Info.plist claims .kmo.

Exit code 0 when everything passed; the figures are printed either way.
"""

from __future__ import annotations

import argparse
import json
import os
import plistlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
LINUX = sys.platform.startswith("linux")
APP_BUNDLE = ROOT / "dist" / "KMO Re-integratie.app"
NOTHING_TO_PRINT = "niets af te drukken"


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, label: str, detail: str = "") -> bool:
        suffix = f" — {detail}" if detail else ""
        print(f"{'ok  ' if ok else 'FOUT'} {label}{suffix}", flush=True)
        if not ok:
            self.failures.append(label)
        return ok


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


class Program:
    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder
        self.cli = folder / ("kmo-reintegratie-cli.exe" if WINDOWS else "kmo-reintegratie")
        self.gui = folder / ("kmo-reintegratie.exe" if WINDOWS else "kmo-reintegratie")
        self.env = clean_environment(scratch)

    def run(self, *args: str | Path, gui: bool = False, timeout: float = 180) -> Run:
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.gui if gui else self.cli), *map(str, args)],
            env=self.env, capture_output=True, timeout=timeout, check=False,
            stdin=subprocess.DEVNULL,  # never an interactive password prompt
        )
        return Run(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
            time.perf_counter() - started,
        )


def clean_environment(scratch: Path) -> dict[str, str]:
    home = scratch / "home"
    temp = scratch / "tmp"
    empty_bin = scratch / "bin"
    for folder in (home, temp, empty_bin):
        folder.mkdir(parents=True, exist_ok=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    if WINDOWS:
        system_root = os.environ.get("SystemRoot", r"C:\Windows")
        env.update({
            "SystemRoot": system_root,
            "PATH": f"{system_root}\\System32;{system_root}",
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "TEMP": str(temp),
            "TMP": str(temp),
        })
    else:
        env.update({"PATH": str(empty_bin), "TMPDIR": str(temp)})
    return env


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def listed_documents(help_text: str) -> dict[str, str]:
    """Document name → usage line, as ``export --help`` lists them under 'Documenten:'."""
    _, _, listing = help_text.partition("Documenten:")
    found = {}
    for line in listing.splitlines():
        match = re.match(r"^ {2}(\S+)\s+(.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def registry_documents() -> dict[str, tuple[bool, str]] | None:
    """name → (per person, suffix) from the registry in this (build) environment, if any."""
    try:
        from kmo_reintegratie.documents.registry import EXPORTS
    except ImportError:
        return None
    return {name: (kind.per_person, kind.suffix) for name, kind in EXPORTS.items()}


def one_person(dossier: Path) -> str | None:
    """A name that points to exactly one person of ``dossier`` (for --werknemer)."""
    try:
        from kmo_reintegratie.store.dossier import Dossier

        opened = Dossier.open(dossier, read_only=True)
        try:
            names = [employee.name for employee in opened.employees.list()]
        finally:
            opened.close()
    except Exception as error:  # noqa: BLE001 (reported, the document then fails)
        print(f"     (geen naam gevonden: {error!r})")
        return None
    for name in names:
        if sum(name.casefold() in other.casefold() for other in names) == 1:
            return name
    return None


def duty_dossier(path: Path, scratch: Path) -> Path | None:
    """A dossier with a preventive request and a force majeure procedure (the demo has
    neither), made with the build environment's own package."""
    os.environ["KMO_REINTEGRATIE_HOME"] = str(scratch / "voorbereiding")
    try:
        from datetime import date

        from kmo_reintegratie.force_majeure import ForceMajeureCheck
        from kmo_reintegratie.preventive_request import PreventiveRequest
        from kmo_reintegratie.store.dossier import Dossier

        with Dossier.create(path) as dossier:
            employee = dossier.employees.add("Jan Peeters")
            absence = dossier.absences.add(employee.id, date(2025, 12, 1))
            dossier.preventive_requests.save(PreventiveRequest(0, employee.id, date(2026, 2, 1)))
            dossier.force_majeure.save(
                ForceMajeureCheck(absence.id, frozenset(), date(2026, 11, 30))
            )
    except Exception as error:  # noqa: BLE001 (reported, the documents then fail)
        print(f"     (tweede dossier niet gemaakt: {error!r})")
        return None
    return path


def last_lines(text: str, count: int = 3) -> str:
    """The end of a message or traceback: where it says what went wrong."""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:])


def valid_output(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".json":
        try:
            json.loads(data)
        except ValueError:
            return False
        return True
    if path.suffix == ".ics":
        return data.startswith(b"BEGIN:VCALENDAR") and b"END:VCALENDAR" in data
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:] and len(data) > 1000


def pdf_text(path: Path) -> str | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=False)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def python_export(dossier: Path, name: str, out: Path, scratch: Path,
                  extra: list[str]) -> Path | None:
    """The same export by the Python program of this environment, for comparison."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "KMO_REINTEGRATIE_HOME": str(scratch / "python-home")}
    done = subprocess.run(
        [sys.executable, "-m", "kmo_reintegratie", "export", str(dossier), name, "-o", str(out),
         *extra],
        env=env, capture_output=True, check=False, timeout=300,
    )
    return out if done.returncode == 0 else None


def check_large_demo(program: Program, report: Report, scratch: Path) -> None:
    """``demo --groot`` (issue 18: 2,000 employees), once the command line offers it: written
    and opened by the frozen program."""
    if "--groot" not in program.run("demo", "--help").out:
        print("     (demo --groot: nog niet in de opdrachtregel)")
        return
    large = scratch / "Groot demodossier.kmo"
    written = program.run("demo", large, "--groot", timeout=600)
    if not report.check(written.code == 0 and large.exists(), "demo --groot",
                        f"{written.seconds:.1f} s" if written.code == 0
                        else last_lines(written.err or written.out)):
        return
    started = program.run("--check-startup", large)
    painted = re.fullmatch(r"\d+ ms", started.out.strip()) is not None
    report.check(started.code == 0 and painted, "--check-startup on the large demo",
                 f"{started.out.strip()} to first paint, {started.seconds:.2f} s in all"
                 if started.code == 0 else last_lines(started.err or started.out))


def check_exports(program: Program, report: Report, demo: Path, scratch: Path) -> None:
    listing = program.run("export", "--help")
    documents = listed_documents(listing.out)
    report.check(listing.code == 0 and bool(documents), "export --help lists the documents",
                 ", ".join(documents))
    registry = registry_documents()
    if registry is not None:
        report.check(set(registry) == set(documents), "the frozen list equals the registry",
                     f"registry: {', '.join(sorted(registry))}")
    second: Path | None = None
    compare = shutil.which("pdftotext") is not None and registry is not None
    for name, usage in documents.items():
        per_person, suffix = (registry or {}).get(
            name, ("(-o MAP)" in usage, ".ics" if ".ics" in usage else ".pdf")
        )
        dossier = demo
        for attempt in range(2):
            out = scratch / "uitvoer" / f"{attempt}-{name}"
            target = out if per_person else out / f"{name}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            # A document about one person says so in its usage: "(--werknemer NAAM)".
            person = one_person(dossier) if "(--werknemer" in usage else None
            extra = ["--werknemer", person] if person else []
            # Every export is written in the dossier's logbook, which the inzage prints:
            # the Python program prints from the dossier as the frozen one found it.
            before = scratch / "vooraf" / f"{attempt}-{name}.kmo"
            before.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dossier, before)
            result = program.run("export", dossier, name, "-o", target, *extra)
            if result.code != 0 and NOTHING_TO_PRINT in result.err and attempt == 0:
                second = second or duty_dossier(scratch / "plichten.kmo", scratch)
                if second is not None:
                    dossier = second
                    continue
            break
        written = [Path(line) for line in result.out.splitlines() if line.strip()]
        ok = result.code == 0 and bool(written) and all(valid_output(p) for p in written)
        source = "" if dossier == demo else " (tweede dossier)"
        report.check(ok, f"export {name}{source}",
                     f"{len(written)} bestand(en), {result.seconds:.1f} s"
                     if ok else last_lines(result.err or result.out))
        if ok and compare and suffix == ".pdf":
            compare_with_python(report, name, before, target, written, scratch, extra)


def compare_with_python(report: Report, name: str, dossier: Path, target: Path,
                        written: list[Path], scratch: Path, extra: list[str]) -> None:
    reference_target = scratch / "python" / target.relative_to(scratch / "uitvoer")
    reference_target.parent.mkdir(parents=True, exist_ok=True)
    if python_export(dossier, name, reference_target, scratch, extra) is None:
        report.check(False, f"export {name}: the Python program prints it too")
        return
    references = sorted(reference_target.rglob("*.pdf")) if reference_target.is_dir() \
        else [reference_target]
    frozen = sorted(path for path in written if path.suffix == ".pdf")
    differ = [
        a.name for a, b in zip(frozen, references, strict=False) if pdf_text(a) != pdf_text(b)
    ]
    report.check(len(references) == len(frozen) and not differ,
                 f"export {name}: same text as the Python program",
                 f"{len(frozen)} frozen, {len(references)} Python, differ: {', '.join(differ)}"
                 if differ or len(references) != len(frozen) else "")


SQLITE_HEADER = b"SQLite format 3\x00"


def check_encryption(program: Program, report: Report, demo: Path, scratch: Path) -> None:
    """The round trip of a password-protected dossier (SQLCipher through sqlcipher3, issue 16)
    with the frozen program: the bundled library encrypts, opens and decrypts."""
    secret = scratch / "beveiligd.kmo"
    shutil.copyfile(demo, secret)
    password = scratch / "wachtwoord.txt"
    password.write_text("rook-test-Ærø-2026\n", encoding="utf-8")
    encrypted = program.run("versleutelen", secret, "--wachtwoord-bestand", password)
    data = secret.read_bytes()
    scrambled = not data.startswith(SQLITE_HEADER) and b"Ter Linde" not in data
    if not report.check(encrypted.code == 0 and scrambled, "versleutelen --wachtwoord-bestand",
                        "" if encrypted.code == 0 and scrambled
                        else last_lines(encrypted.err or encrypted.out)):
        return
    out = scratch / "uitvoer" / "beveiligd.pdf"
    opened = program.run("export", secret, "checklists", "-o", out,
                         "--wachtwoord-bestand", password)
    report.check(opened.code == 0 and valid_output(out),
                 "export from a password-protected dossier with --wachtwoord-bestand",
                 last_lines(opened.err))
    refused = program.run("export", secret, "checklists", "-o", scratch / "zonder.pdf")
    report.check(refused.code == 2 and "wachtwoord" in refused.err.lower(),
                 "without the password: a Dutch message", last_lines(refused.err))
    wrong = scratch / "fout-wachtwoord.txt"
    wrong.write_text("niet-het-wachtwoord\n", encoding="utf-8")
    mistaken = program.run("export", secret, "checklists", "-o", scratch / "fout.pdf",
                           "--wachtwoord-bestand", wrong)
    report.check(mistaken.code != 0 and "niet juist" in mistaken.err
                 and not (scratch / "fout.pdf").exists(),
                 "a wrong password: refused in Dutch", last_lines(mistaken.err))
    started = program.run("--check-startup", secret, "--wachtwoord-bestand", password)
    painted = re.fullmatch(r"\d+ ms", started.out.strip()) is not None
    report.check(started.code == 0 and painted,
                 "--check-startup on a password-protected dossier",
                 f"{started.out.strip()} to first paint, {started.seconds:.2f} s in all"
                 if started.code == 0 else last_lines(started.err or started.out))
    decrypted = program.run("ontsleutelen", secret, "--wachtwoord-bestand", password)
    plain = secret.read_bytes().startswith(SQLITE_HEADER)
    report.check(decrypted.code == 0 and plain, "ontsleutelen --wachtwoord-bestand",
                 "" if decrypted.code == 0 and plain
                 else last_lines(decrypted.err or decrypted.out))
    again = scratch / "uitvoer" / "ontsleuteld.pdf"
    reopened = program.run("export", secret, "checklists", "-o", again)
    report.check(reopened.code == 0 and valid_output(again),
                 "after ontsleutelen: export without a password", last_lines(reopened.err))


def check_qt_modules(folder: Path, report: Report) -> None:
    """Every Qt module the sources import is bundled, also those imported only when a page
    is first shown (QtCharts for Analyse, QtPdfWidgets for the print preview), which
    --check-startup does not reach."""
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used.update(re.findall(r"from PySide6\.(Qt\w+) import", path.read_text("utf-8")))
    bundled = {path.name.split(".")[0] for path in folder.rglob("PySide6/Qt*.*")
               if path.suffix in (".so", ".pyd")}
    missing = sorted(used - bundled)
    report.check(bool(used) and not missing, "every Qt module the program imports is bundled",
                 ", ".join(missing) or ", ".join(sorted(used)))


BUNDLED_DATA = {
    "Qt's Dutch buttons and dialogs": "qtbase_nl.qm",
    "Dutch hyphenation for the PDFs": "hyph_nl_NL.dic",
    "the PDF font": "Vera.ttf",
    "the checklist instrument": "instrument.json",
    "the version (package metadata)": "kmo_reintegratie-*.dist-info/METADATA",
}


def check_bundled_data(folder: Path, report: Report) -> None:
    """Data files the program reads by name; on Linux the exports also prove most of them."""
    missing = [what for what, pattern in BUNDLED_DATA.items() if not any(folder.rglob(pattern))]
    report.check(not missing, "data files are bundled", ", ".join(missing))


def check_resources(folder: Path, report: Report) -> None:
    """Every file of resources/ sits where importlib.resources finds it frozen: a missing
    privacy word list (namen.txt, medische_woorden.txt) would only weaken the print check,
    which no export shows."""
    source = ROOT / "resources"
    wanted = [path.relative_to(source) for path in source.rglob("*")
              if path.is_file() and "__pycache__" not in path.parts]
    bundled = next((path for path in folder.rglob("kmo_reintegratie/resources")
                    if path.is_dir()), None)
    missing = [str(name) for name in wanted if bundled is None or not (bundled / name).is_file()]
    report.check(bool(wanted) and not missing, "every file of resources/ is bundled",
                 ", ".join(missing[:5]) or f"{len(wanted)} bestanden")


def check_libraries(folder: Path, report: Report) -> None:
    """Linux: no bundled library misses a Qt, ICU, Python or PySide library (what the
    spec's DROP list could break); system libraries such as libxcb-cursor are the user's."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return
    ours = re.compile(r"^(libQt6|libicu|libpython|libpyside|libshiboken)")
    missing: set[str] = set()
    for path in folder.rglob("*.so*"):
        if not path.is_file() or path.is_symlink():
            continue
        done = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if ours.match(name):
                    missing.add(f"{path.name}: {name}")
    report.check(not missing, "every bundled library finds the Qt libraries it needs",
                 "; ".join(sorted(missing)[:10]))


def check_tarball(tarball: Path, report: Report, scratch: Path, version: str) -> None:
    """Install from the tar.gz into a temporary home, open, uninstall."""
    unpacked = scratch / "uitgepakt"
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="tar")
    tops = list(unpacked.iterdir())
    installer = tops[0] / "install.sh" if len(tops) == 1 else unpacked / "install.sh"
    home = scratch / "gebruiker"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["bash", str(installer)], env=env, capture_output=True, text=True,
                          check=False)
    report.check(done.returncode == 0, "install.sh installs",
                 (done.stdout + done.stderr).strip()[-300:])
    program = home / ".local" / "lib" / "kmo-reintegratie" / "kmo-reintegratie"
    link = home / ".local" / "bin" / "kmo-reintegratie"
    desktop = home / ".local/share/applications/be.kmo_reintegratie.KmoReintegratie.desktop"
    started = subprocess.run([str(link), "--version"], env=clean_environment(scratch / "na"),
                             capture_output=True, text=True, check=False)
    report.check(started.stdout.strip() == f"kmo-reintegratie {version}",
                 "the installed command runs", started.stdout.strip() or started.stderr[-200:])
    entry = desktop.read_text(encoding="utf-8") if desktop.exists() else ""
    report.check(f'Exec="{program}" %f' in entry, "the menu entry starts the installed program")
    mime = home / ".local/share/mime/packages/kmo-reintegratie.xml"
    report.check(mime.exists(), "the .kmo file type is registered")
    dossier = home / "Documenten" / "Mijn organisatie.kmo"
    dossier.parent.mkdir()
    dossier.write_bytes(b"een dossier")
    gone = subprocess.run(["bash", str(program.parent / "install.sh"), "--verwijder"], env=env,
                          capture_output=True, text=True, check=False)
    leftovers = [p for p in (program.parent, link, desktop, mime) if p.exists() or p.is_symlink()]
    report.check(gone.returncode == 0 and not leftovers and dossier.exists(),
                 "install.sh --verwijder removes the program and leaves the dossier",
                 ", ".join(map(str, leftovers)) or gone.stderr.strip())


def check_bundle(report: Report, version: str, scratch: Path) -> None:
    """macOS (CI only): the .app's program runs and Info.plist makes it the .kmo owner."""
    program = APP_BUNDLE / "Contents" / "MacOS" / "kmo-reintegratie"
    done = subprocess.run([str(program), "--version"], env=clean_environment(scratch / "app"),
                          capture_output=True, text=True, check=False)
    report.check(done.stdout.strip() == f"kmo-reintegratie {version}", "the .app runs",
                 done.stdout.strip() or done.stderr[-200:])
    info = plistlib.loads((APP_BUNDLE / "Contents" / "Info.plist").read_bytes())
    kinds = info.get("UTExportedTypeDeclarations", [])
    extensions = [
        extension
        for kind in kinds
        for extension in kind.get("UTTypeTagSpecification", {}).get("public.filename-extension", [])
    ]
    report.check("kmo" in extensions and bool(info.get("CFBundleDocumentTypes")),
                 "Info.plist declares .kmo dossiers")
    report.check(info.get("CFBundleShortVersionString") == version, "Info.plist version")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Frozen smoke test of KMO Re-integratie.")
    parser.add_argument("folder", nargs="?", type=Path,
                        default=ROOT / "dist" / "kmo-reintegratie")
    parser.add_argument("--version-expected", help="default: the installed package metadata")
    parser.add_argument("--tarball", type=Path, help="Linux: also install and uninstall it")
    args = parser.parse_args(argv)
    version = args.version_expected
    if version is None:
        from importlib.metadata import version as installed_version

        version = installed_version("kmo-reintegratie")
    report = Report()
    before = snapshot(args.folder)
    with tempfile.TemporaryDirectory(prefix="kmo-smoke-") as name:
        scratch = Path(name)
        program = Program(args.folder, scratch)
        shown = program.run("--version")
        report.check(shown.code == 0 and shown.out.strip() == f"kmo-reintegratie {version}",
                     "--version", shown.out.strip() or shown.err.strip()[-300:])
        demo = scratch / "Demo zorgcentrum.kmo"
        written = program.run("demo", demo)
        report.check(written.code == 0 and demo.exists(), "demo",
                     f"{written.seconds:.1f} s" if written.code == 0 else written.err[-300:])
        for gui in (False, True) if WINDOWS else (False,):
            started = program.run("--check-startup", demo, gui=gui)
            painted = re.fullmatch(r"\d+ ms", started.out.strip()) is not None
            report.check(started.code == 0 and (painted or gui),
                         f"--check-startup{' (windowed exe)' if gui else ''}",
                         f"{started.out.strip()} to first paint, {started.seconds:.2f} s in all"
                         if started.code == 0 else last_lines(started.err or started.out))
        check_large_demo(program, report, scratch)
        check_exports(program, report, demo, scratch)
        check_encryption(program, report, demo, scratch)
        copy = scratch / "kopie.kmo"
        backup = program.run("backup", demo, "-o", copy)
        report.check(backup.code == 0 and copy.exists(), "backup", backup.err.strip()[-300:])
        check_qt_modules(args.folder, report)
        check_bundled_data(args.folder, report)
        check_resources(args.folder, report)
        if LINUX:
            check_libraries(args.folder, report)
            if args.tarball:
                check_tarball(args.tarball, report, scratch, version)
        if MACOS and APP_BUNDLE.exists():
            check_bundle(report, version, scratch)
    changed = sorted(set(snapshot(args.folder).items()) ^ set(before.items()))
    report.check(not changed, "nothing written inside the program folder",
                 ", ".join(sorted({name for name, _ in changed})[:5]))
    print(f"\n{len(report.failures)} fout(en)" if report.failures else "\nalles in orde")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
