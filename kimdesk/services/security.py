"""Signing PINs: validation, salted Argon2id hashes and their check; the PIN itself is never stored."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kimdesk.domain.errors import ValidationError

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
PASSPHRASE_MIN_LENGTH = 8

# argon2-cffi's defaults (RFC 9106 low-memory profile: Argon2id, t=3, 64 MiB, p=4, 16-byte salt).
_hasher = PasswordHasher()


def validate_pin(pin: str) -> None:
    """ValidationError unless ``pin`` is 4–12 digits or a passphrase of at least 8 characters."""
    if pin != pin.strip():
        raise ValidationError("PIN: darf nicht mit Leerzeichen beginnen oder enden.")
    if pin.isdigit() and pin.isascii():
        if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
            raise ValidationError(
                f"PIN: {PIN_MIN_DIGITS} bis {PIN_MAX_DIGITS} Ziffern "
                f"(oder eine Passphrase mit mindestens {PASSPHRASE_MIN_LENGTH} Zeichen)."
            )
        return
    if len(pin) < PASSPHRASE_MIN_LENGTH:
        raise ValidationError(
            f"PIN: {PIN_MIN_DIGITS} bis {PIN_MAX_DIGITS} Ziffern oder eine Passphrase mit mindestens "
            f"{PASSPHRASE_MIN_LENGTH} Zeichen."
        )


def hash_pin(pin: str) -> str:
    """A salted Argon2id hash in the PHC string format (``$argon2id$v=19$…``)."""
    validate_pin(pin)
    return _hasher.hash(pin)


def check_pin(pin_hash: str, pin: str) -> bool:
    """True when ``pin`` matches; False for a wrong PIN or an unreadable hash."""
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
