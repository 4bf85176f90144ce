#!/usr/bin/env bash
# Regenerates the hash-pinned lock files from pyproject.toml — the one command after any dependency change:
#
#   bash scripts/lock.sh
#
#   requirements/all.txt   the app + extras [test] and [build] + the build backend (setuptools, wheel)
#   requirements/app.txt   the app + the build backend only, each at the same version as in all.txt
#
# Every package, transitive ones too, is pinned to one version with the sha256 of each of its files on PyPI,
# so `pip install --require-hashes -r requirements/app.txt` installs exactly these bytes or fails
# (scripts/setup.sh does that). The resolution is "universal" for Python 3.11: platform-only dependencies
# (e.g. colorama, pywin32-ctypes, tzdata on Windows) appear with environment markers, so the same files serve
# Linux and Windows; hashes cover every wheel of a pinned version (Linux, Windows, macOS).
# Needs uv (pinned below), installed into .venv on first use. Works from any directory.
set -euo pipefail

UV_VERSION=0.13.9
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PY="${PYTHON:-$REPO/.venv/bin/python}"
if [[ ! -x "$PY" ]]; then
    echo "lock.sh: kein Python unter $PY – zuerst scripts/setup.sh ausführen (oder PYTHON=… setzen)." >&2
    exit 1
fi
if [[ "$("$PY" -m uv --version 2>/dev/null)" != "uv $UV_VERSION"* ]]; then
    "$PY" -m pip install --quiet "uv==$UV_VERSION"
fi

# The build backend from [build-system].requires: setup.sh installs kimdesk itself with --no-build-isolation,
# so the backend must come from the lock too, not unpinned from the index.
backend="$(mktemp "${TMPDIR:-/tmp}/kimdesk-backend.XXXXXX.in")"
trap 'rm -f "$backend"' EXIT
"$PY" - "$backend" <<'EOF'
import sys
import tomllib

with open("pyproject.toml", "rb") as handle:
    requires = tomllib.load(handle)["build-system"]["requires"]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join(requires) + "\n")
EOF

compile() { # compile OUTPUT [uv pip compile options...]
    local output=$1
    shift
    "$PY" -m uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
        --no-header --annotation-style line --index-url https://pypi.org/simple \
        --output-file "$output" "$@" pyproject.toml "$backend"
    # uv names the temporary backend file in its "via" notes; name its source instead.
    sed -i "s|$backend|pyproject.toml (build-system)|g" "$output"
}

mkdir -p requirements
compile requirements/all.txt --extra test --extra build
compile requirements/app.txt --constraint requirements/all.txt
echo "lock.sh: requirements/all.txt ($(grep -c '^[a-z0-9]' requirements/all.txt) Pakete)," \
    "requirements/app.txt ($(grep -c '^[a-z0-9]' requirements/app.txt) Pakete)"
