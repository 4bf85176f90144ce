#!/usr/bin/env bash
# README command 2: installs what is needed, then runs every check kimdesk has:
#   ruff check, ruff format --check, mypy, import-linter,
#   pytest (the whole suite, against SQLite and a throw-away PostgreSQL on 127.0.0.1, stopped afterwards),
#   the frozen-build smoke test (scripts/frozen_smoke.sh).
# Every step runs even if an earlier one failed (one run shows all problems); the exit status is non-zero if
# any step failed. Extra arguments go to pytest (e.g. `bash scripts/test.sh -k pdf`).
# KIMDESK_SKIP_FROZEN=1 skips the frozen build for a quicker local run (ignored when CI is set).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

T0=$EPOCHREALTIME
SUMMARY=()
FAILED=0

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# step TITLE COMMAND... — runs one check with a header, its time and its result; never aborts the script.
step() {
    local title=$1 start=$EPOCHREALTIME rc=0 secs
    shift
    printf '\n==== %s ====\n' "$title"
    "$@" || rc=$?
    secs=$(seconds_since "$start")
    if ((rc == 0)); then
        SUMMARY+=("$(printf 'OK      %6ss  %s' "$secs" "$title")")
        printf -- '---- %s: OK (%ss)\n' "$title" "$secs"
    else
        SUMMARY+=("$(printf 'FEHLER  %6ss  %s (Exit %s)' "$secs" "$title" "$rc")")
        printf -- '---- %s: FEHLER, Exit %s (%ss)\n' "$title" "$rc" "$secs"
        FAILED=1
    fi
}

# --- 1. installation: nothing else can run without it --------------------------------------------------------
printf '==== Einrichtung (scripts/setup.sh --test --build) ====\n'
start=$EPOCHREALTIME
bash "$REPO/scripts/setup.sh" --test --build
SUMMARY+=("$(printf 'OK      %6ss  %s' "$(seconds_since "$start")" "Einrichtung")")

VENV_BIN="$REPO/.venv/bin"
export PATH="$VENV_BIN:$PATH"

# --- 2. static checks ----------------------------------------------------------------------------------------
step "ruff check" ruff check .
step "ruff format --check" ruff format --check .
step "mypy" mypy
step "import-linter (Schichten)" lint-imports

# --- 3. a throw-away PostgreSQL on 127.0.0.1 -----------------------------------------------------------------
PG_DIR=""
PG_BIN=""
PG_STARTED=0

as_postgres() {
    # initdb refuses to run as root; the server files belong to the postgres user.
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    "$VENV_BIN/python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

start_postgres() {
    PG_BIN="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
        echo "PostgreSQL-Programme nicht gefunden (/usr/lib/postgresql/*/bin) – setup.sh --test installiert sie."
        return 1
    fi
    PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kimdesk-pg.XXXXXX")"
    if [[ $EUID -eq 0 ]]; then
        chown postgres:postgres "$PG_DIR"
    fi
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_DIR/initdb.log" 2>&1 || {
        cat "$PG_DIR/initdb.log"
        return 1
    }
    local port attempt
    for attempt in 1 2 3; do
        port="$(free_port)"
        # fsync/synchronous_commit off: a test server's data is thrown away anyway.
        if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off" \
            start >/dev/null; then
            PG_STARTED=1
            break
        fi
        echo "Start auf Port $port fehlgeschlagen (Versuch $attempt):"
        tail -n 5 "$PG_DIR/server.log" || true
    done
    ((PG_STARTED)) || return 1
    export KIMDESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    PG_PORT=$port
    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -q -A -t -c 'SELECT version()' |
        sed 's/^/PostgreSQL läuft: /'
    echo "KIMDESK_TEST_PG_URL=$KIMDESK_TEST_PG_URL"
    # The two roles of docs/INSTALL.md: the owner (IT's migrations) and the PCs' application role.
    # tests/storage/test_pg_roles.py sets them up with `kimdesk db pg-roles` and tries every forbidden
    # statement as the application role.
    export KIMDESK_TEST_PG_OWNER=kimdesk_owner KIMDESK_TEST_PG_APP=kimdesk_app
    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE $KIMDESK_TEST_PG_OWNER LOGIN" -c "CREATE ROLE $KIMDESK_TEST_PG_APP LOGIN"
    echo "Rollen: $KIMDESK_TEST_PG_OWNER (Eigentümer), $KIMDESK_TEST_PG_APP (Arbeitsplätze)"
}

stop_postgres() {
    if ((PG_STARTED)); then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
            echo "Warnung: PostgreSQL ließ sich nicht sauber stoppen ($PG_DIR)" >&2
        PG_STARTED=0
    fi
    if [[ -n "$PG_DIR" ]]; then
        rm -rf "$PG_DIR"
        PG_DIR=""
    fi
}

finish() {
    local rc=$?
    stop_postgres
    exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A skipped PostgreSQL test is a failure here: the fixtures in tests/conftest.py read this.
export KIMDESK_REQUIRE_PG=1
# So is a Qt that cannot load: the GUI tests fail instead of being skipped (tests/qt.py reads this).
export KIMDESK_REQUIRE_GUI=1
step "PostgreSQL starten" start_postgres

# --- 4. the test suite ---------------------------------------------------------------------------------------
run_pytest() {
    local rc=0
    QT_QPA_PLATFORM=offscreen pytest "$@" || rc=$?
    if ((rc == 5)); then
        echo "pytest hat keinen einzigen Test ausgeführt (Exit 5) – das zählt als Fehler."
    fi
    return "$rc"
}
step "pytest (SQLite und PostgreSQL)" run_pytest "$@"

# --- 5. the office-PC build ----------------------------------------------------------------------------------
if [[ "${KIMDESK_SKIP_FROZEN:-0}" == 1 && -z "${CI:-}" ]]; then
    printf '\n==== Frozen-Build ====\nübersprungen (KIMDESK_SKIP_FROZEN=1)\n'
    SUMMARY+=("übersprungen      Frozen-Build")
else
    smoke_env=()
    if ((PG_STARTED)); then
        # The frozen program also talks to PostgreSQL once (psycopg's binary part must be in the bundle).
        if "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -q \
            -c 'DROP DATABASE IF EXISTS kimdesk_frozen' -c 'CREATE DATABASE kimdesk_frozen' >/dev/null; then
            smoke_env=("KIMDESK_SMOKE_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/kimdesk_frozen")
        fi
    fi
    step "Frozen-Build (PyInstaller) und Smoke-Test" env "${smoke_env[@]}" bash "$REPO/scripts/frozen_smoke.sh"
fi

stop_postgres

# --- summary -------------------------------------------------------------------------------------------------
printf '\n==== Zusammenfassung (%ss gesamt) ====\n' "$(seconds_since "$T0")"
printf '%s\n' "${SUMMARY[@]}"
if ((FAILED)); then
    echo "Ergebnis: FEHLGESCHLAGEN"
    exit 1
fi
echo "Ergebnis: alles bestanden"
