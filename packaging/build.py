"""Build the frozen program and this platform's package.

    pip install -e ".[build]"
    python packaging/build.py            # dist/kmo-reintegratie/ and the package in dist/
    python packaging/build.py --smoke    # the same, then the frozen smoke test (smoke.py)

Linux: dist/kmo-reintegratie-<versie>-linux-<arch>.tar.gz (with install.sh).
Windows: dist/KMO-Reintegratie-<versie>-setup.exe (Inno Setup's iscc must be installed).
macOS: dist/KMO Re-integratie.app and dist/KMO-Reintegratie-<versie>-macos-<arch>.dmg.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
FOLDER = DIST / "kmo-reintegratie"
APP_NAME = "KMO Re-integratie"

sys.path.insert(0, str(PACKAGING))


def project_version() -> str:
    """The version written in pyproject.toml, checked against the installed metadata.

    The spec stamps the metadata into the build; an editable install from before a version
    bump still carries the old number, so a release would be named wrongly.
    """
    from importlib.metadata import PackageNotFoundError, version

    written = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    expected = written["project"]["version"]
    try:
        installed = version("kmo-reintegratie")
    except PackageNotFoundError:
        raise SystemExit('kmo-reintegratie is not installed here: pip install -e ".[build]"')
    if installed != expected:
        raise SystemExit(
            f"installed metadata says {installed}, pyproject.toml says {expected}: "
            'run pip install -e ".[build]" again'
        )
    return expected


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def freeze() -> None:
    from icons import build_icons

    build_icons(BUILD / "icons")
    shutil.rmtree(FOLDER, ignore_errors=True)
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
            "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
            str(PACKAGING / "kmo-reintegratie.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def package(version: str) -> Path:
    if sys.platform.startswith("linux"):
        return linux_tarball(version)
    if sys.platform == "win32":
        return windows_setup(version)
    if sys.platform == "darwin":
        return macos_dmg(version)
    raise SystemExit(f"no package for {sys.platform}")


def linux_tarball(version: str) -> Path:
    """kmo-reintegratie-<versie>-linux-<arch>.tar.gz: the program folder and install.sh."""
    top = f"kmo-reintegratie-{version}"
    out = DIST / f"{top}-linux-{machine()}.tar.gz"
    extras = {
        "install.sh": PACKAGING / "linux" / "install.sh",
        "LEESMIJ.txt": PACKAGING / "linux" / "LEESMIJ.txt",
        "share/be.kmo_reintegratie.KmoReintegratie.desktop":
            PACKAGING / "be.kmo_reintegratie.KmoReintegratie.desktop",
        "share/kmo-reintegratie-mime.xml": PACKAGING / "linux" / "kmo-reintegratie-mime.xml",
        "share/kmo-reintegratie.svg": ROOT / "resources" / "icons" / "kmo-reintegratie.svg",
    }

    def owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    partial = out.with_name(out.name + ".partial")
    # Level 6: within a few percent of 9 at half the time on 200 MB of libraries.
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        for name, source in extras.items():
            tar.add(source, f"{top}/{name}", filter=owned_by_nobody)
        tar.add(FOLDER, f"{top}/kmo-reintegratie", filter=owned_by_nobody)
    partial.replace(out)
    return out


def find_iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.exists():
            return str(candidate)
    raise SystemExit("Inno Setup 6 (iscc) not found: install it from jrsoftware.org")


def windows_setup(version: str) -> Path:
    """KMO-Reintegratie-<versie>-setup.exe, made by Inno Setup from the .iss script.

    With KMO_SIGNTOOL set (a signtool command line with $f for the file, CI secrets only),
    both exes are signed first and Inno Setup signs the setup and its uninstaller.
    """
    command = [
        find_iscc(), f"/DAppVersion={version}", f"/DSourceDir={FOLDER}",
        f"/DIconFile={BUILD / 'icons' / 'kmo-reintegratie.ico'}", f"/O{DIST}",
    ]
    sign = os.environ.get("KMO_SIGNTOOL")
    if sign:
        for exe in sorted(FOLDER.glob("*.exe")):
            subprocess.run(sign.replace("$f", f'"{exe}"'), shell=True, check=True)
        command += [f"/SkmoSign={sign}", "/DSign"]
    subprocess.run([*command, str(PACKAGING / "windows" / "kmo-reintegratie.iss")], check=True)
    return DIST / f"KMO-Reintegratie-{version}-setup.exe"


def macos_dmg(version: str) -> Path:
    """A compressed disk image with the .app and a link to /Applications (drag to install)."""
    app = DIST / f"{APP_NAME}.app"
    staging = BUILD / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    # ditto keeps the bundle's symlinks, extended attributes and signature intact.
    subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)
    (staging / "Applications").symlink_to("/Applications")
    out = DIST / f"KMO-Reintegratie-{version}-macos-{machine()}.dmg"
    subprocess.run(
        [
            "hdiutil", "create", "-volname", f"{APP_NAME} {version}", "-srcfolder", str(staging),
            "-ov", "-format", "UDZO", str(out),
        ],
        check=True,
    )
    identity = os.environ.get("KMO_CODESIGN_IDENTITY")  # CI secrets only; the .app is
    if identity:  # signed by PyInstaller with the same identity (the spec)
        subprocess.run(["codesign", "--sign", identity, "--timestamp", str(out)], check=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="run smoke.py on the result")
    parser.add_argument("--no-package", action="store_true", help="only the frozen folder")
    parser.add_argument("--skip-freeze", action="store_true",
                        help="package (and smoke-test) the existing dist/kmo-reintegratie")
    args = parser.parse_args(argv)
    version = project_version()
    if not args.skip_freeze:
        freeze()
    built = None if args.no_package else package(version)
    print(f"frozen program: {FOLDER} ({folder_size(FOLDER) / 1e6:.0f} MB)")
    if built is not None:
        print(f"package: {built} ({built.stat().st_size / 1e6:.0f} MB)")
    if args.smoke:
        import smoke

        smoke_args = [str(FOLDER), "--version-expected", version]
        if built is not None and built.name.endswith(".tar.gz"):
            smoke_args += ["--tarball", str(built)]
        return smoke.main(smoke_args)
    return 0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


if __name__ == "__main__":
    sys.exit(main())
