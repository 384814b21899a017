"""The installers' sources, checked without building (the build itself takes minutes and is
checked by packaging/smoke.py, here on Linux and in CI on every system)."""

from __future__ import annotations

import configparser
import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType

import pytest

import kmo_reintegratie
from kmo_reintegratie.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
INSTALL_SH = PACKAGING / "linux" / "install.sh"
DESKTOP = PACKAGING / "be.kmo_reintegratie.KmoReintegratie.desktop"
MIME_XML = PACKAGING / "linux" / "kmo-reintegratie-mime.xml"
METAINFO = PACKAGING / "be.kmo_reintegratie.KmoReintegratie.metainfo.xml"
ISS = PACKAGING / "windows" / "kmo-reintegratie.iss"
SPEC = PACKAGING / "kmo-reintegratie.spec"
MIME_TYPE = "application/x-kmo-reintegratie-dossier"

unix_only = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None,
                               reason="install.sh is for Linux")


def packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py, loaded by path (the folder is no package and holds a build.py
    that must not shadow anything on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"kmo_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- one version


def test_the_version_is_written_once_and_shown_everywhere(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kmo_reintegratie.ui.dialogs.about import about_text

    version = pyproject()["project"]["version"]
    assert kmo_reintegratie.__version__ == version
    assert metadata.version("kmo-reintegratie") == version
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"kmo-reintegratie {version}"
    assert f"KMO Re-integratie {version}" in about_text()
    # The release notes and the AppStream data name the same newest version.
    newest = re.search(r"^## \[(\d[^\]]*)\]", (ROOT / "CHANGELOG.md").read_text("utf-8"), re.M)
    assert newest is not None and newest.group(1) == version
    releases = ET.parse(METAINFO).getroot().find("releases")
    assert releases is not None and releases[0].get("version") == version


def test_a_source_checkout_without_metadata_reads_pyproject(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "path", [])
    assert kmo_reintegratie._metadata_version() is None
    assert kmo_reintegratie._version() == pyproject()["project"]["version"]


# --------------------------------------------------------------------------- resources


def test_every_resource_ships_in_a_wheel_and_is_found_through_importlib() -> None:
    """The frozen build collects resources/ whole; an installed wheel only what package-data
    names. Both are read through importlib.resources, never through a path of our own."""
    patterns = pyproject()["tool"]["setuptools"]["package-data"]["kmo_reintegratie.resources"]
    package = resources.files("kmo_reintegratie.resources")
    source = ROOT / "resources"
    for path in source.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.name == "__init__.py":
            continue
        relative = path.relative_to(source).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
        found = package.joinpath(*relative.split("/"))
        assert found.read_bytes() == path.read_bytes(), relative


def test_the_spec_keeps_every_qt_module_the_program_imports() -> None:
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used.update(re.findall(r"from PySide6\.(Qt\w+) import", path.read_text("utf-8")))
    listed = re.search(r"QT_UNUSED = \[.*?\((.*?)\)\s*\]", SPEC.read_text("utf-8"), re.S)
    assert listed is not None
    excluded = set(re.findall(r'"(Qt\w+)"', listed.group(1)))
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"} <= excluded
    assert used, "no Qt import found"
    assert not used & excluded, f"used but excluded from the build: {used & excluded}"


def test_the_smoke_test_finds_every_document_in_export_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kmo_reintegratie.documents.registry import EXPORTS

    smoke = packaging_module("smoke")
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert set(smoke.listed_documents(capsys.readouterr().out)) == set(EXPORTS)


def test_icons_for_windows_and_macos_come_from_the_svg(tmp_path: Path, qapp: object) -> None:
    from PIL import Image

    icons = packaging_module("icons")
    made = icons.build_icons(tmp_path)
    with Image.open(made["ico"]) as ico:
        assert {size for size, _ in ico.info["sizes"]} == set(icons.ICO_SIZES)
        ico.size = (256, 256)
        # The house: white roof and walls on the blue square, not a blank icon.
        assert ico.convert("RGB").getpixel((128, 150)) == (255, 255, 255)
    with Image.open(made["icns"]) as icns:
        assert max(icns.info["sizes"])[0] * max(icns.info["sizes"])[2] == max(icons.ICNS_SIZES)


def test_the_window_icons_are_the_svg_as_rendered_now(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtGui import QImage

    from kmo_reintegratie.ui.icons import APP_ICON_SIZES, app_icon

    rendered = packaging_module("icons").render_pngs(tmp_path)
    for size in APP_ICON_SIZES:
        shipped = QImage(str(ROOT / "resources" / "icons" / f"kmo-reintegratie-{size}.png"))
        fresh = QImage(str(rendered[size]))
        assert shipped.size() == fresh.size()
        shipped_bytes = shipped.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
        fresh_bytes = fresh.convertToFormat(QImage.Format.Format_ARGB32).constBits().tobytes()
        # Another Qt may smooth an edge differently; another drawing differs everywhere.
        difference = sum(abs(a - b) for a, b in zip(shipped_bytes, fresh_bytes)) / len(fresh_bytes)
        assert difference < 2, f"resources/icons/kmo-reintegratie-{size}.png: render it again"
    assert {size.width() for size in app_icon().availableSizes()} == set(APP_ICON_SIZES)


# --------------------------------------------------------------------------- Linux


def test_desktop_entry_and_mime_type_agree() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "kmo-reintegratie %f"  # install.sh makes the path absolute
    assert section["MimeType"] == f"{MIME_TYPE};"
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.svg").exists()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.kmo"]
    icon = mime.find("m:icon", ns)
    assert icon is not None and icon.get("name") == MIME_TYPE.replace("/", "-")


@unix_only
def test_install_sh_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(INSTALL_SH)], check=True)


def unpacked_package(tmp_path: Path) -> Path:
    """The layout of the tar.gz, with a stand-in for the frozen program."""
    top = tmp_path / "kmo-reintegratie-9.9.9"
    program = top / "kmo-reintegratie"
    (program / "_internal").mkdir(parents=True)
    (program / "kmo-reintegratie").write_text("#!/bin/sh\necho 'kmo-reintegratie 9.9.9'\n")
    (program / "kmo-reintegratie").chmod(0o755)
    (top / "share").mkdir()
    shutil.copy(INSTALL_SH, top / "install.sh")
    shutil.copy(DESKTOP, top / "share" / DESKTOP.name)
    shutil.copy(MIME_XML, top / "share" / "kmo-reintegratie-mime.xml")
    shutil.copy(ROOT / "resources" / "icons" / "kmo-reintegratie.svg", top / "share")
    return top


def run_install(
    package: Path, home: Path, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **extra}
    return subprocess.run(["bash", str(package / "install.sh"), *args], env=env,
                          capture_output=True, text=True, check=False, timeout=60)


@unix_only
def test_install_and_uninstall_for_the_user_leave_dossiers_alone(tmp_path: Path) -> None:
    package = unpacked_package(tmp_path)
    home = tmp_path / "thuis van $Jan"  # a space and a $ in the path the menu entry names
    home.mkdir()
    installed = run_install(package, home)
    assert installed.returncode == 0, installed.stderr
    assert "kmo-reintegratie 9.9.9 is geïnstalleerd" in installed.stdout

    share = home / ".local" / "share"
    program = home / ".local" / "lib" / "kmo-reintegratie" / "kmo-reintegratie"
    link = home / ".local" / "bin" / "kmo-reintegratie"
    assert link.resolve() == program.resolve()
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout.strip() \
        == "kmo-reintegratie 9.9.9"
    entry = (share / "applications" / DESKTOP.name).read_text(encoding="utf-8")
    escaped = str(program).replace("$", "\\\\$")
    assert f'Exec="{escaped}" %f' in entry
    assert f"MimeType={MIME_TYPE};" in entry
    assert (share / "icons/hicolor/scalable/apps/kmo-reintegratie.svg").exists()
    assert (share / f"icons/hicolor/scalable/mimetypes/{MIME_TYPE.replace('/', '-')}.svg").exists()
    assert (share / "mime/packages/kmo-reintegratie.xml").exists()
    if shutil.which("update-mime-database"):
        assert f"{MIME_TYPE}:*.kmo" in (share / "mime" / "globs2").read_text(encoding="utf-8")

    # A second run updates in place; then the user's own files appear.
    assert run_install(package, home).returncode == 0
    dossier = home / "Documenten" / "KMO Re-integratie" / "Mijn organisatie.kmo"
    dossier.parent.mkdir(parents=True)
    dossier.write_bytes(b"dossier")
    backup = share / "kmo-reintegratie" / "reservekopieen" / "kopie.kmo"
    backup.parent.mkdir(parents=True)
    backup.write_bytes(b"kopie")

    removed = run_install(program.parent, home, "--verwijder")  # the copy kept with the program
    assert removed.returncode == 0, removed.stderr
    assert "is verwijderd" in removed.stdout
    assert not program.parent.exists() and not link.is_symlink()
    assert not (share / "applications" / DESKTOP.name).exists()
    assert not (share / "mime/packages/kmo-reintegratie.xml").exists()
    assert dossier.read_bytes() == b"dossier" and backup.read_bytes() == b"kopie"


@unix_only
def test_install_with_sudo_is_refused_before_anything_is_copied(tmp_path: Path) -> None:
    package = unpacked_package(tmp_path)
    home = tmp_path / "root"
    home.mkdir()
    refused = run_install(package, home, SUDO_USER="jan")
    assert refused.returncode != 0
    assert "zonder sudo" in refused.stderr
    assert not (home / ".local").exists()


@unix_only
def test_install_without_the_program_folder_says_what_is_missing(tmp_path: Path) -> None:
    package = unpacked_package(tmp_path)
    shutil.rmtree(package / "kmo-reintegratie")
    home = tmp_path / "home"
    home.mkdir()
    result = run_install(package, home)
    assert result.returncode != 0
    assert "pak het hele archief uit" in result.stderr


# --------------------------------------------------------------------------- Windows, macOS


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_the_windows_setup_is_per_user_associates_kmo_and_keeps_dossiers() -> None:
    sections = iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{autopf}\{#AppName}"  # %LOCALAPPDATA%\Programs
    assert setup["ChangesAssociations"] == "yes"
    assert setup["OutputBaseFilename"] == "KMO-Reintegratie-{#AppVersion}-setup"
    registry = "\n".join(sections["Registry"])
    assert all(line.startswith("Root: HKA;") for line in sections["Registry"])
    assert r'Subkey: "Software\Classes\.kmo"' in registry
    assert r'"""{app}\{#AppExe}"" ""%1"""' in registry  # open command passes the dossier
    assert r"DefaultIcon" in registry
    assert any("{autoprograms}" in line for line in sections["Icons"])
    # The uninstaller removes what was installed, nothing the user made.
    assert "UninstallDelete" not in sections
    assert all("{app}" in line for line in sections.get("InstallDelete", []))


def test_the_macos_bundle_claims_kmo_and_passes_finder_events_to_qt() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert '"public.filename-extension": ["kmo"]' in spec
    assert '"LSItemContentTypes": [DOSSIER_UTI]' in spec
    assert "argv_emulation=False" in spec  # QFileOpenEvent, see ui/app.py
    assert 'copy_metadata("kmo-reintegratie")' in spec
