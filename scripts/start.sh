#!/usr/bin/env bash
# README command 1: installs kimdesk (scripts/setup.sh), loads the demo office into an empty database and
# starts the desktop application on the SQLite default (or on --db URL / $KIMDESK_DB).
#
#   bash scripts/start.sh [--db URL]
#
# Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) it does not try to open a window: it shows the
# Vorlagen on the command line, checks that the GUI starts offscreen, and says how to run it under Xvfb.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

bash "$REPO/scripts/setup.sh"

KIMDESK="$REPO/.venv/bin/kimdesk"
global_args=("$@") # e.g. --db URL, placed before every subcommand

# The demo office goes into an empty database only; an office's own data is never touched.
listing="$(mktemp)"
trap 'rm -f "$listing"' EXIT
if ! "$KIMDESK" "${global_args[@]}" list --limit 1 >"$listing"; then
    echo "start: die Datenbank lässt sich nicht öffnen (siehe Meldung oben)." >&2
    exit 1
fi
if grep -q "Keine Vorlagen gefunden" "$listing"; then
    echo "start: leere Datenbank – lade das Demo-Amt"
    "$KIMDESK" "${global_args[@]}" demo
fi

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    echo "start: starte kimdesk …"
    exec "$KIMDESK" "${global_args[@]}"
fi

cat <<'EOF'
start: Kein Bildschirm verfügbar (weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt) –
       die grafische Oberfläche wird nicht geöffnet. Die Vorlagen in der Datenbank:
EOF
"$KIMDESK" "${global_args[@]}" list

if "$KIMDESK" gui --help >/dev/null 2>&1; then
    # Prove the GUI works on this machine without a screen: show the main window offscreen and quit.
    if QT_QPA_PLATFORM=offscreen timeout 60 "$KIMDESK" "${global_args[@]}" gui --quit-after 1 \
        >"$listing" 2>&1; then
        echo "start: Probe bestanden – die Oberfläche startet (offscreen) und zeigt ihr Hauptfenster."
    else
        tail -n 20 "$listing" >&2
        echo "start: Warnung – die Oberfläche ließ sich auch offscreen nicht starten." >&2
    fi
fi

echo
echo "Mit einem virtuellen Bildschirm (Xvfb) starten:"
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "  apt-get install -y --no-install-recommends xvfb xauth   # einmalig, als root"
fi
echo "  xvfb-run -a -s '-screen 0 1600x1000x24' $KIMDESK${global_args[*]:+ ${global_args[*]}}"
echo "Oder auf einem Rechner mit Bildschirm einfach: bash scripts/start.sh"
echo "Die Kommandozeile: $KIMDESK --help"
