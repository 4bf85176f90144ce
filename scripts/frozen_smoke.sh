#!/usr/bin/env bash
# Builds the office-PC bundle (pyinstaller kimdesk.spec -> dist/kimdesk/) and runs the frozen program the way a
# clean PC would: with an empty HOME, no KIMDESK_DB, from a foreign working directory.
#   --version (timed) · demo into a temporary SQLite file · pdf 20/0270 (qpdf --check, every font embedded)
#   · verify-pdf (pyHanko and cryptography in the bundle) · a Sitzungsmappe with an Anlage (qpdf child process)
#   · spelling: a German compound is known, a typo is flagged (shipped dictionary, frozen pyenchant)
#   · the default database lands in the user's data folder · PostgreSQL when KIMDESK_SMOKE_PG_URL is given
#   · the GUI starts offscreen, shows its main window and quits by itself (timed)
#   · bundle ≤ 200 MB · nothing was written into the bundle folder.
# Called by scripts/test.sh after pytest; runs alone too (after scripts/setup.sh --test --build).
# KIMDESK_SMOKE_NO_BUILD=1 reuses an existing dist/kimdesk (for iterating on this script).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
VENV_BIN="$REPO/.venv/bin"
BUNDLE="$REPO/dist/kimdesk"
EXE="$BUNDLE/kimdesk"
LIMIT_MB=200
REPORT="$REPO/build/frozen_smoke_report.txt"

FAILURES=()
REPORT_LINES=()
ok() { printf '  ok      %s\n' "$*"; }
bad() {
    printf '  FEHLER  %s\n' "$*"
    FAILURES+=("$*")
}
note() { REPORT_LINES+=("$1=$2"); }
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 }'; }

# --- build ---------------------------------------------------------------------------------------------------
mkdir -p "$REPO/build"
if [[ "${KIMDESK_SMOKE_NO_BUILD:-0}" == 1 && -x "$EXE" ]]; then
    echo "Build übersprungen (KIMDESK_SMOKE_NO_BUILD=1), verwende $BUNDLE"
else
    echo "pyinstaller --noconfirm kimdesk.spec (Protokoll: build/pyinstaller.log)"
    start=$EPOCHREALTIME
    if ! "$VENV_BIN/pyinstaller" --noconfirm --distpath "$REPO/dist" --workpath "$REPO/build" kimdesk.spec \
        >"$REPO/build/pyinstaller.log" 2>&1; then
        tail -n 40 "$REPO/build/pyinstaller.log"
        echo "PyInstaller ist fehlgeschlagen." >&2
        exit 1
    fi
    grep -h 'kimdesk.spec:' "$REPO/build/pyinstaller.log" || true
    echo "Build fertig in $(ms_since "$start") ms"
fi
[[ -x "$EXE" ]] || {
    echo "Kein Programm unter $EXE" >&2
    exit 1
}

# --- a clean user: empty HOME, no XDG overrides, no KIMDESK_DB, foreign working directory --------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kimdesk-frozen.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_RUNTIME_DIR KIMDESK_DB
cd "$WORK"
DEMO_DB="sqlite:///$WORK/demo.sqlite"

snapshot() { find "$BUNDLE" -printf '%P\t%s\t%T@\n' | sort; }
snapshot >"$WORK/bundle-before.txt"

run() { # run NAME COMMAND... — output to $WORK/NAME.log, shown when it fails
    local name=$1 rc=0
    shift
    "$@" >"$WORK/$name.log" 2>&1 || rc=$?
    if ((rc != 0)); then
        sed 's/^/    | /' "$WORK/$name.log" | tail -n 25
    fi
    return "$rc"
}

echo "Frozen-Programm: $EXE (HOME=$HOME)"

# --version, timed: the first start reads the bundle from disk, later ones are warm. Wall time depends on
# the machine's load, so the CPU time (user+sys) is shown too.
want_version="$("$VENV_BIN/python" -c 'import kimdesk; print(kimdesk.__version__)')"
times=()
for i in 1 2 3; do
    TIMEFORMAT='%R %U %S'
    if ! { time "$EXE" --version >"$WORK/version.log" 2>&1; } 2>"$WORK/version.time"; then
        sed 's/^/    | /' "$WORK/version.log" | tail -n 25
        bad "--version beendet sich mit Fehler"
        break
    fi
    times+=("$(awk '{ printf "%d ms (CPU %d ms)", $1 * 1000, ($2 + $3) * 1000 }' "$WORK/version.time")")
done
if grep -qx "kimdesk $want_version" "$WORK/version.log"; then
    ok "--version: $(cat "$WORK/version.log"), erster Start ${times[0]:-?}, warm ${times[2]:-?}"
    note version_first "${times[0]:-}"
    note version_warm "${times[2]:-}"
else
    bad "--version meldet nicht 'kimdesk $want_version': $(head -c 200 "$WORK/version.log")"
fi
# The windowed kimdesk-gui is built for Windows only (kimdesk.spec); on Linux `kimdesk` starts the GUI.
if [[ -e "$BUNDLE/kimdesk-gui" ]]; then
    bad "kimdesk-gui gebaut, obwohl es unter Linux nur die Python-Archive verdoppelt"
else
    ok "kein kimdesk-gui unter Linux (nur Windows braucht die Fenster-Variante)"
fi

# demo office into a temporary SQLite database, then the seed Vorlage as PDF.
if run demo env KIMDESK_DB="$DEMO_DB" "$EXE" demo; then
    ok "demo in temporäre SQLite-Datenbank"
else
    bad "kimdesk demo schlägt fehl"
fi
PDF="$WORK/v.pdf"
if run pdf env KIMDESK_DB="$DEMO_DB" "$EXE" pdf 20/0270 -o "$PDF" && [[ -s "$PDF" ]]; then
    ok "pdf 20/0270 -> $(stat -c %s "$PDF") Bytes"
    if qpdf --check "$PDF" >"$WORK/qpdf.log" 2>&1; then
        ok "qpdf --check"
    else
        sed 's/^/    | /' "$WORK/qpdf.log" | tail -n 10
        bad "qpdf --check meldet Fehler"
    fi
    # pdffonts into a file, then parse (a pipe into grep -q can exit 141 under pipefail). The emb column
    # is found from the header's dashes, since font type names contain spaces.
    if pdffonts "$PDF" >"$WORK/fonts.txt" 2>&1; then
        not_embedded="$(awk 'NR == 2 { split($0, w, " "); pos = length(w[1]) + length(w[2]) + length(w[3]) + 4 }
                             NR > 2 { n++; if (substr($0, pos, 3) != "yes") print }
                             END { if (n == 0) print "(keine Schriften gefunden)" }' "$WORK/fonts.txt")"
        if [[ -z "$not_embedded" ]]; then
            ok "alle $(($(wc -l <"$WORK/fonts.txt") - 2)) Schriften eingebettet ($(awk 'NR > 2 { print $1 }' \
                "$WORK/fonts.txt" | sed 's/^[A-Z]\{6\}+//' | sort -u | paste -sd, -))"
        else
            sed 's/^/    | /' "$WORK/fonts.txt"
            bad "nicht eingebettete Schriften: $not_embedded"
        fi
    else
        bad "pdffonts kann die Datei nicht lesen"
    fi
else
    bad "kimdesk pdf 20/0270 schlägt fehl"
fi

# verify-pdf loads pyHanko and cryptography (PAdES). The demo's decided 20/0270 is exported as its signed PDF;
# checked against the demo CA exported for the check (never installed on the PC) it verifies. A draft's PDF
# carries no signature and is refused with exit code 1.
rc=0
env KIMDESK_DB="$DEMO_DB" "$EXE" keys export-anchor "$WORK/demo-ca.pem" >"$WORK/anchor.log" 2>&1 || rc=$?
env KIMDESK_DB="$DEMO_DB" "$EXE" verify-pdf "$PDF" --trust "$WORK/demo-ca.pem" >"$WORK/verify-pdf.log" 2>&1 || rc=$?
if ((rc == 0)) && grep -q "Signatur: unverändert" "$WORK/verify-pdf.log"; then
    ok "verify-pdf (pyHanko im Bundle): signiertes PDF von 20/0270 gegen die exportierte Demo-CA geprüft"
else
    sed 's/^/    | /' "$WORK/anchor.log" "$WORK/verify-pdf.log" | tail -n 25
    bad "kimdesk verify-pdf des signierten PDF schlägt fehl (Exit $rc)"
fi
DRAFT="$WORK/entwurf.pdf"
rc=0
env KIMDESK_DB="$DEMO_DB" "$EXE" pdf 20/0325 -o "$DRAFT" >"$WORK/draft.log" 2>&1 || rc=$?
env KIMDESK_DB="$DEMO_DB" "$EXE" verify-pdf "$DRAFT" >"$WORK/verify-draft.log" 2>&1 || rc=$?
if ((rc == 1)) && grep -q "Das PDF trägt keine Signatur" "$WORK/verify-draft.log"; then
    ok "verify-pdf: das unsignierte PDF eines Entwurfs (20/0325) wird abgelehnt"
else
    sed 's/^/    | /' "$WORK/draft.log" "$WORK/verify-draft.log" | tail -n 25
    bad "kimdesk verify-pdf lehnt den Entwurf nicht ab (Exit $rc)"
fi

# A Sitzungsmappe with an Anlage: qpdf writes the Anlagen in a child process, which is the bundle's own program
# started again (kimdesk --qpdf-job; an office PC has no qpdf). The Anlage is the PDF of 20/0270, attached to the
# draft 20/0340 on the agenda of IR-2020-11-04; its text in the Mappe shows the child did its work.
MAPPE="$WORK/mappe.pdf"
if run attach env KIMDESK_DB="$DEMO_DB" "$EXE" attach 20/0340 "$PDF" &&
    run agenda env KIMDESK_DB="$DEMO_DB" "$EXE" meeting add IR-2020-11-04 20/0340 &&
    run packet env KIMDESK_DB="$DEMO_DB" "$EXE" packet IR-2020-11-04 --entwuerfe -o "$MAPPE" &&
    qpdf --check "$MAPPE" >"$WORK/qpdf-mappe.log" 2>&1 &&
    pdftotext "$MAPPE" "$WORK/mappe.txt" && grep -q "Vorlage Nr. 20/0270" "$WORK/mappe.txt"; then
    ok "Sitzungsmappe mit Anlage (qpdf im Kindprozess des Programms): $(pdfinfo "$MAPPE" | awk '/^Pages/ { print $2 }') Seiten, qpdf --check"
else
    sed 's/^/    | /' "$WORK/qpdf-mappe.log" 2>/dev/null | tail -n 10 || true
    bad "Sitzungsmappe mit Anlage im eingefrorenen Programm fehlt, ist beschädigt oder ohne die Anlage"
fi

# Spell checking from the bundle: the shipped German dictionary through the frozen pyenchant (Enchant's folder
# is the user's cache, so nothing lands in the bundle).
if run spelling env KIMDESK_DB="$DEMO_DB" "$EXE" spelling Integrationsmanagement Integratoinsmanagement &&
    grep -qx "Integrationsmanagement: richtig" "$WORK/spelling.log" &&
    grep -q "^Integratoinsmanagement: unbekannt" "$WORK/spelling.log"; then
    ok "Rechtschreibprüfung: Integrationsmanagement richtig, Tippfehler erkannt ($(grep -c . "$WORK/spelling.log") Zeilen)"
else
    sed 's/^/    | /' "$WORK/spelling.log" | tail -n 10
    bad "Rechtschreibprüfung im eingefrorenen Programm: deutsches Wort nicht erkannt oder Tippfehler nicht gemeldet"
fi

# The user guide F1 opens, with every picture it shows (kimdesk.resources.guide_path in the bundle).
GUIDE="$(find "$BUNDLE" -path '*/docs/ANLEITUNG.md' -print -quit)"
if [[ -n "$GUIDE" ]]; then
    missing=0
    while IFS= read -r picture; do
        [[ -f "$(dirname "$GUIDE")/$picture" ]] || { echo "    | fehlt: $picture"; missing=1; }
    done < <(grep -o '!\[[^]]*\]([^)]*)' "$GUIDE" | sed 's/.*(\(.*\))/\1/')
    if ((missing == 0)); then
        ok "Anleitung (F1) mit ihren Bildern im Programm"
    else
        bad "Bilder der Anleitung fehlen im Programm"
    fi
else
    bad "docs/ANLEITUNG.md fehlt im Programm (F1 öffnete nichts)"
fi

# Without KIMDESK_DB the database belongs in the user's data folder (platformdirs), never beside the program.
if "$EXE" db --help >/dev/null 2>&1; then
    default_cmd=(db upgrade)
else
    default_cmd=(list)
fi
if run default-db "$EXE" "${default_cmd[@]}"; then
    if [[ -f "$HOME/.local/share/kimdesk/kimdesk.sqlite" ]]; then
        ok "Standard-Datenbank im Benutzerordner: ~/.local/share/kimdesk/kimdesk.sqlite"
    else
        bad "kimdesk ${default_cmd[*]} ohne KIMDESK_DB legte keine ~/.local/share/kimdesk/kimdesk.sqlite an"
        find "$HOME" -type f | sed 's/^/    | /'
    fi
else
    bad "kimdesk ${default_cmd[*]} mit der Standard-Datenbank schlägt fehl"
fi

# PostgreSQL through the frozen psycopg (test.sh passes a fresh database).
if [[ -n "${KIMDESK_SMOKE_PG_URL:-}" ]]; then
    if run pg-demo env KIMDESK_DB="$KIMDESK_SMOKE_PG_URL" "$EXE" demo &&
        run pg-pdf env KIMDESK_DB="$KIMDESK_SMOKE_PG_URL" "$EXE" pdf 20/0270 -o "$WORK/pg.pdf"; then
        ok "PostgreSQL: demo und pdf 20/0270 mit dem eingefrorenen psycopg"
    else
        bad "PostgreSQL: demo/pdf mit dem eingefrorenen Programm schlagen fehl"
    fi
else
    echo "  --      PostgreSQL-Probe ausgelassen (KIMDESK_SMOKE_PG_URL nicht gesetzt)"
fi

# The GUI offscreen: main window shown, then it quits by itself. Each output line is stamped on arrival, so the
# time to "Hauptfenster angezeigt" is measured without polling.
if "$EXE" gui --help >/dev/null 2>&1; then
    start=$EPOCHREALTIME
    rc=0
    env QT_QPA_PLATFORM=offscreen KIMDESK_DB="$DEMO_DB" timeout 60 "$EXE" gui --quit-after 2 2>"$WORK/gui.err" |
        while IFS= read -r line; do
            printf '%s\t%s\n' "$EPOCHREALTIME" "$line"
        done >"$WORK/gui.log" || rc=$?
    shown="$(awk -F '\t' '$2 ~ /Hauptfenster angezeigt/ { print $1; exit }' "$WORK/gui.log")"
    if ((rc == 0)) && [[ -n "$shown" ]]; then
        window_ms="$(awk -v a="$start" -v b="$shown" 'BEGIN { printf "%d", (b - a) * 1000 }')"
        ok "GUI offscreen: Hauptfenster nach $window_ms ms angezeigt, Programm beendet sich selbst"
        note window_ms "$window_ms"
    else
        cut -f2- "$WORK/gui.log" | sed 's/^/    | /' | tail -n 10
        sed 's/^/    ! /' "$WORK/gui.err" | tail -n 25
        bad "GUI offscreen: kein 'Hauptfenster angezeigt' oder Exit $rc"
    fi
    # A real X11 window (xcb platform plugin and its libraries from the bundle), as on a Linux office PC.
    if command -v xvfb-run >/dev/null 2>&1; then
        if run gui-x11 env KIMDESK_DB="$DEMO_DB" timeout 60 xvfb-run -a -s '-screen 0 1280x800x24' \
            "$EXE" gui --quit-after 1 && grep -q "Hauptfenster angezeigt" "$WORK/gui-x11.log"; then
            ok "GUI unter Xvfb (X11/xcb): Hauptfenster angezeigt"
        else
            bad "GUI unter Xvfb (X11/xcb) zeigt kein Hauptfenster"
        fi
    else
        echo "  --      X11-Probe ausgelassen (xvfb-run fehlt)"
    fi
else
    echo "  !!!!!!  GUI-Smoke übersprungen: dieses kimdesk hat noch keinen Befehl 'gui' (--quit-after)."
    note window_ms "übersprungen"
fi

# Size of the one-folder bundle.
bytes="$(du -sb "$BUNDLE" | cut -f1)"
mb="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1000000 }')"
note bundle_mb "$mb"
if ((bytes <= LIMIT_MB * 1000000)); then
    ok "Bundle-Größe: $mb MB ($(du -sh "$BUNDLE" | cut -f1)) ≤ $LIMIT_MB MB"
else
    bad "Bundle-Größe: $mb MB > $LIMIT_MB MB"
fi

# Nothing may have been written next to the program (database, settings, logs, caches).
snapshot >"$WORK/bundle-after.txt"
if cmp -s "$WORK/bundle-before.txt" "$WORK/bundle-after.txt"; then
    ok "nichts in den Programmordner geschrieben"
else
    diff "$WORK/bundle-before.txt" "$WORK/bundle-after.txt" | head -n 20 | sed 's/^/    | /'
    bad "das Programm hat in seinen eigenen Ordner geschrieben"
fi

printf '%s\n' "${REPORT_LINES[@]}" >"$REPORT"
if ((${#FAILURES[@]})); then
    echo "Frozen-Smoke-Test: ${#FAILURES[@]} Fehler"
    exit 1
fi
echo "Frozen-Smoke-Test bestanden (Kennzahlen: build/frozen_smoke_report.txt)"
