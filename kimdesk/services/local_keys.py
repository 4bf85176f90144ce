"""What lives outside the database, in the user's profile and the machine's configuration.

- the person's sealed private key: in the OS account's credential store through ``keyring`` (Windows
  Credential Manager, protected by DPAPI) when one is there, else a file
  ``<user data>/kimdesk/keys/<person id>.key``;
- the office key (administrator only): ``<user data>/kimdesk/keys/office-ca.key``;
- failed unlock attempts (for the growing delay) and the newest audit checkpoint seen per database:
  ``<user data>/kimdesk/keys/state.json``;
- the trust anchor: the office CA certificate(s) IT installs as ``office-ca.pem`` in the machine-wide
  configuration folder (``site_config_dir``: ``C:\\ProgramData\\kimdesk``, ``/etc/xdg/kimdesk``) or beside the
  program. The database's copy of the CA certificate is trusted only when it matches one of these.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from platformdirs import site_config_dir, user_data_dir

from kimdesk.domain.errors import KimdeskError
from kimdesk.services.files import write_atomically

ANCHOR_FILE = "office-ca.pem"
OFFICE_KEY_FILE = "office-ca.key"
_KEYRING_SERVICE = "kimdesk-signing-key"


def _real_keyring() -> Any | None:
    """The OS credential store if there is one (not keyring's fail/null/plaintext fallbacks)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    module = type(backend).__module__
    if module.startswith(("keyring.backends.null", "keyrings.alt")):
        return None
    return backend


@dataclass
class LocalKeys:
    """The folders outside the database; defaults from the platform, tests give their own."""

    key_dir: Path = field(default_factory=lambda: Path(user_data_dir("kimdesk", False)) / "keys")
    anchor_dirs: tuple[Path, ...] = field(
        default_factory=lambda: (
            Path(site_config_dir("kimdesk", False, multipath=False)),
            Path(sys.executable).resolve().parent,
        )
    )
    use_keyring: bool = True
    #: The database these checks are about (its display URL), for the newest checkpoint seen; "" = none.
    database: str = ""

    # --- personal keys ----------------------------------------------------------------------------

    def _key_file(self, person_id: uuid.UUID) -> Path:
        return self.key_dir / f"{person_id}.key"

    def store_key(self, person_id: uuid.UUID, blob: bytes) -> str:
        """Keep the sealed key; returns where (shown to the user)."""
        backend = _real_keyring() if self.use_keyring else None
        if backend is not None:
            backend.set_password(_KEYRING_SERVICE, str(person_id), blob.decode("utf-8"))
            return "Anmeldeinformationsverwaltung des Windows-Kontos"
        path = self._key_file(person_id)
        write_atomically(path, blob, what="Signaturschlüssel", create_folder=True)
        if os.name == "posix":
            path.chmod(0o600)
        return str(path)

    def load_key(self, person_id: uuid.UUID) -> bytes | None:
        backend = _real_keyring() if self.use_keyring else None
        if backend is not None:
            text = backend.get_password(_KEYRING_SERVICE, str(person_id))
            if text is not None:
                return str(text).encode("utf-8")
        path = self._key_file(person_id)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise KimdeskError(f"Signaturschlüssel: {path} ist nicht lesbar ({exc.strerror}).") from exc

    # --- the office key ----------------------------------------------------------------------------

    @property
    def office_key_file(self) -> Path:
        return self.key_dir / OFFICE_KEY_FILE

    # --- the trust anchor ---------------------------------------------------------------------------

    def anchor_files(self) -> list[Path]:
        return [d / ANCHOR_FILE for d in self.anchor_dirs if (d / ANCHOR_FILE).is_file()]

    def anchors(self) -> list[x509.Certificate]:
        """Every office CA certificate IT installed (after a rotation: old and new)."""
        found: list[x509.Certificate] = []
        for path in self.anchor_files():
            try:
                found.extend(x509.load_pem_x509_certificates(path.read_bytes()))
            except (OSError, ValueError) as exc:
                raise KimdeskError(f"Vertrauensanker: {path} ist nicht lesbar ({exc}).") from exc
        return found

    # --- state: failed attempts and the newest checkpoint seen ----------------------------------

    @property
    def state_file(self) -> Path:
        return self.key_dir / "state.json"

    def read_state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state_file.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_state(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False)
        write_atomically(self.state_file, text.encode("utf-8"), what="Signaturzustand", create_folder=True)
