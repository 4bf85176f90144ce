#!/usr/bin/env bash
# Prepares a Debian 12 machine for kimdesk: system libraries (apt) and the Python environment (.venv).
#
#   bash scripts/setup.sh            runtime only (Qt libraries, fonts, Enchant) + requirements/app.txt, kimdesk (-e .)
#   bash scripts/setup.sh --test     + poppler-utils, qpdf, PostgreSQL (no cluster), Xvfb; requirements/all.txt
#   bash scripts/setup.sh --build    + binutils (and libpython3.11 for Debian's python); requirements/all.txt
#
# Python packages come from the hash-pinned lock files (scripts/lock.sh writes them): requirements/app.txt, or
# requirements/all.txt with --test/--build; pip installs them with --require-hashes, then kimdesk itself with
# --no-deps. PyInstaller (--build) runs from this same .venv, so the office bundle holds exactly these packages.
# Idempotent: apt is skipped when every package is installed (dpkg-query), pip when the lock files,
# pyproject.toml and the extras are unchanged since the last successful run (stamp file in .venv).
# Works from any directory.
# Environment: PYTHON (default python3) selects the interpreter for a new .venv.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

WITH_TEST=0
WITH_BUILD=0
for arg in "$@"; do
    case "$arg" in
        --test) WITH_TEST=1 ;;
        --build) WITH_BUILD=1 ;;
        -h | --help)
            sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unbekannte Option '$arg' (erlaubt: --test --build)" >&2
            exit 2
            ;;
    esac
done

say() { printf 'setup: %s\n' "$*"; }

PYTHON="${PYTHON:-python3}"

# --- which Debian packages ---------------------------------------------------------------------------------
# Qt offscreen + a real X11 window (xcb set; see ../shared/PLATFORM.md).
packages=(
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
    libxcb-xkb1 libx11-xcb1
    # Spell checking: Enchant 2 with its Hunspell provider (pyenchant loads it; kimdesk ships the dictionary).
    libenchant-2-2
)
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    packages+=(python3 python3-venv)
else
    debian_python=0
    if [[ "$("$PYTHON" -c 'import sys; print(sys.base_prefix)')" == /usr ]]; then
        debian_python=1
    fi
    # Debian splits venv/ensurepip out of python3; other Pythons (pyenv, uv) bring it along.
    if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        packages+=(python3-venv)
    fi
fi
if ((WITH_TEST)); then
    packages+=(poppler-utils qpdf postgresql xvfb xauth)
fi
if ((WITH_BUILD)); then
    packages+=(binutils)
    # PyInstaller bundles libpython3.11.so, which Debian's (statically linked) python3 does not ship itself.
    if [[ "${debian_python:-1}" == 1 ]]; then
        packages+=(libpython3.11)
    fi
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    # One dpkg-query for all packages; unknown ones are reported on stderr and count as missing.
    declare -A state=()
    while read -r name status; do
        state["${name%%:*}"]="$status"
    done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
    for pkg in "${packages[@]}"; do
        [[ "${state[$pkg]:-}" == installed ]] || missing+=("$pkg")
    done
else
    say "kein dpkg gefunden (kein Debian?) – Systempakete werden nicht geprüft."
fi

# --- apt, only when something is missing ---------------------------------------------------------------------
if ((${#missing[@]})); then
    if [[ $EUID -eq 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        say "fehlende Systempakete werden mit sudo installiert: ${missing[*]}"
        SUDO=(sudo)
    else
        {
            echo "setup: Es fehlen Systempakete, und dieses Skript läuft nicht als root (sudo fehlt)."
            echo "Bitte als root ausführen und dann setup.sh erneut starten:"
            if [[ " ${missing[*]} " == *" postgresql "* ]]; then
                echo "  mkdir -p /etc/postgresql-common"
                echo "  echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf"
            fi
            echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
        } >&2
        exit 1
    fi
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
        # The tests start their own throw-away server; without this, installing postgresql creates and starts
        # a cluster on :5432 that nobody uses.
        conf=/etc/postgresql-common/createcluster.conf
        "${SUDO[@]}" mkdir -p /etc/postgresql-common
        if ! "${SUDO[@]}" grep -qs '^create_main_cluster *= *false' "$conf"; then
            echo 'create_main_cluster = false' | "${SUDO[@]}" tee -a "$conf" >/dev/null
        fi
    fi
    say "apt-get install ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # confold/confdef (dpkg) and UCF_FORCE_CONFFOLD (ucf, which postgresql-common uses for createcluster.conf):
    # keep the file written above without asking.
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1 \
        apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
else
    say "Systempakete vollständig (${#packages[@]} geprüft)"
fi

# --- the virtual environment ---------------------------------------------------------------------------------
VENV="$REPO/.venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "lege $VENV an ($("$PYTHON" --version 2>&1))"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi

extras=()
((WITH_TEST)) && extras+=(test)
((WITH_BUILD)) && extras+=(build)
lock=requirements/app.txt
((${#extras[@]})) && lock=requirements/all.txt # all.txt holds both extras

# What is installed is recorded per extra, so `setup.sh` after `setup.sh --test` does not reinstall.
stamp_dir="$VENV/.kimdesk-setup"
fingerprint="$(cat requirements/app.txt requirements/all.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
needs_pip=0
for part in base "${extras[@]}"; do
    [[ "$(cat "$stamp_dir/$part" 2>/dev/null)" == "$fingerprint" ]] || needs_pip=1
done
"$VENV/bin/python" -c 'import kimdesk' >/dev/null 2>&1 || needs_pip=1

if ((needs_pip)); then
    say "pip install --require-hashes -r $lock, dann kimdesk selbst (--no-deps)"
    export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
    log="$VENV/.kimdesk-pip.log"
    # The backend (setuptools) comes from the lock as well: no unpinned build isolation.
    if ! { "$VENV/bin/python" -m pip install --require-hashes -r "$lock" &&
        "$VENV/bin/python" -m pip install --no-deps --no-build-isolation -e .; } >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "setup: pip install ist fehlgeschlagen (vollständiges Protokoll: $log)" >&2
        exit 1
    fi
    mkdir -p "$stamp_dir"
    parts=(base)
    [[ "$lock" == requirements/all.txt ]] && parts+=(test build)
    for part in "${parts[@]}"; do
        echo "$fingerprint" >"$stamp_dir/$part"
    done
else
    say "Python-Umgebung aktuell ($VENV)"
fi
say "fertig"
