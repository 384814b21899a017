#!/usr/bin/env bash
# KMO Re-integratie voor uw eigen gebruikersaccount installeren (geen sudo nodig).
#
#   ./install.sh               installeren of bijwerken
#   ./install.sh --verwijder   verwijderen; uw dossiers en reservekopieën blijven staan
#
# Where things go (XDG; nothing outside your home folder):
#   program        ~/.local/lib/kmo-reintegratie/
#   command        ~/.local/bin/kmo-reintegratie (a link)
#   menu entry     ~/.local/share/applications/be.kmo_reintegratie.KmoReintegratie.desktop
#   icons          ~/.local/share/icons/hicolor/scalable/{apps,mimetypes}/
#   file type      ~/.local/share/mime/packages/kmo-reintegratie.xml (*.kmo)
# Dossiers (*.kmo), backups and settings are never touched, not even by --verwijder.
set -euo pipefail

APP="KMO Re-integratie"
DESKTOP_ID="be.kmo_reintegratie.KmoReintegratie.desktop"
MIME_TYPE="application/x-kmo-reintegratie-dossier"
MIME_ICON="${MIME_TYPE/\//-}"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
program_dir=$HOME/.local/lib/kmo-reintegratie
bin_dir=$HOME/.local/bin
link=$bin_dir/kmo-reintegratie
desktop_file=$data_home/applications/$DESKTOP_ID
icons=$data_home/icons/hicolor
app_icon=$icons/scalable/apps/kmo-reintegratie.svg
mime_icon=$icons/scalable/mimetypes/$MIME_ICON.svg
mime_file=$data_home/mime/packages/kmo-reintegratie.xml

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

refresh_desktop() {
    # Tools of shared-mime-info, desktop-file-utils and GTK; a desktop without them reads
    # the files directly, so their absence is no error.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data_home/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$icons" ]; then
        gtk-update-icon-cache --quiet --force --ignore-theme-index "$icons" >/dev/null 2>&1 || true
    fi
}

# A desktop entry's Exec value: the path quoted, with the characters the desktop entry
# specification reserves escaped (a home folder may contain spaces or worse).
desktop_exec_path() {
    local path=$1
    path=${path//\\/\\\\\\\\}
    path=${path//\"/\\\\\"}
    path=${path//\`/\\\\\`}
    path=${path//\$/\\\\\$}
    path=${path//%/%%}
    printf '"%s"' "$path"
}

install_program() {
    local source=$here/kmo-reintegratie
    [ -x "$source/kmo-reintegratie" ] || fail "de map kmo-reintegratie/ ontbreekt naast install.sh; pak het hele archief uit."
    # With sudo, HOME is root's: the program would land where the user never sees it.
    [ -z "${SUDO_USER:-}" ] || fail "voer dit uit als uzelf, zonder sudo: het programma komt in uw eigen map."

    mkdir -p "$(dirname "$program_dir")"
    # Copy next to the old version first and swap at the end: an interrupted update leaves
    # the installed program working. A window still open keeps running from the old files.
    rm -rf "$program_dir.nieuw" "$program_dir.oud"
    cp -R "$source" "$program_dir.nieuw"
    if [ -e "$program_dir" ]; then
        mv "$program_dir" "$program_dir.oud"
    fi
    mv "$program_dir.nieuw" "$program_dir"
    rm -rf "$program_dir.oud"
    # Kept with the program, so it can be removed after the download is gone.
    cp "$here/install.sh" "$program_dir/install.sh"

    mkdir -p "$bin_dir"
    if [ -e "$link" ] && [ ! -L "$link" ]; then
        say "Let op: $link bestaat al en is geen koppeling naar dit programma; niet vervangen."
    else
        ln -sfn "$program_dir/kmo-reintegratie" "$link"
    fi

    mkdir -p "$(dirname "$desktop_file")" "$(dirname "$app_icon")" "$(dirname "$mime_icon")" \
        "$(dirname "$mime_file")"
    local exec_path
    exec_path=$(desktop_exec_path "$program_dir/kmo-reintegratie")
    # Absolute paths: a desktop session does not always have ~/.local/bin on its PATH.
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            Exec=*) printf 'Exec=%s %%f\n' "$exec_path" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done <"$here/share/$DESKTOP_ID" >"$desktop_file.tmp"
    mv "$desktop_file.tmp" "$desktop_file"
    cp "$here/share/kmo-reintegratie.svg" "$app_icon"
    cp "$here/share/kmo-reintegratie.svg" "$mime_icon"
    cp "$here/share/kmo-reintegratie-mime.xml" "$mime_file"
    refresh_desktop

    local version
    version=$("$program_dir/kmo-reintegratie" --version 2>/dev/null) || version=""
    say "${version:-$APP} is geïnstalleerd in $program_dir."
    say "Start het programma via het menu (Kantoor) of met: kmo-reintegratie"
    say "Een dubbelklik op een .kmo-dossier opent het in $APP."
    case ":$PATH:" in
        *":$bin_dir:"*) ;;
        *) say "Let op: $bin_dir staat niet in uw PATH; start dan met $link." ;;
    esac
    say "Verwijderen kan later met: $program_dir/install.sh --verwijder"
}

uninstall_program() {
    local removed=0
    if [ -L "$link" ]; then
        case $(readlink "$link") in
            "$program_dir"/*) rm -f "$link" ;;
        esac
    fi
    for path in "$program_dir" "$program_dir.nieuw" "$program_dir.oud"; do
        if [ -e "$path" ]; then
            rm -rf "$path"
            removed=1
        fi
    done
    for path in "$desktop_file" "$app_icon" "$mime_icon" "$mime_file"; do
        if [ -e "$path" ]; then
            rm -f "$path"
            removed=1
        fi
    done
    refresh_desktop
    if [ "$removed" = 1 ]; then
        say "$APP is verwijderd."
    else
        say "$APP was niet geïnstalleerd voor deze gebruiker; er is niets verwijderd."
    fi
    say "Uw dossiers (.kmo) zijn niet aangeraakt, net als de reservekopieën in"
    say "${XDG_DATA_HOME:-$HOME/.local/share}/kmo-reintegratie en de instellingen in"
    say "${XDG_CONFIG_HOME:-$HOME/.config}/kmo-reintegratie. Verwijder die zelf als u ze niet meer nodig hebt."
}

case ${1:-} in
    "") install_program ;;
    --verwijder|--uninstall) uninstall_program ;;
    -h|--help)
        sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        ;;
    *) fail "onbekende optie '$1'; gebruik --verwijder om te verwijderen of --help." ;;
esac
