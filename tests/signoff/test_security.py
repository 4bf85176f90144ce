"""Signing PINs: what is accepted, and that only a salted hash is kept."""

from __future__ import annotations

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.services.security import check_pin, hash_pin, validate_pin


@pytest.mark.parametrize("pin", ["1234", "123456789012", "Sonnenblume 7", "lange Passphrase"])
def test_accepted_pins(pin: str) -> None:
    validate_pin(pin)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "abc", "kurz", " 1234", "１２３４５"])
def test_refused_pins_name_the_field(pin: str) -> None:
    with pytest.raises(ValidationError, match=r"^PIN: "):
        validate_pin(pin)


def test_hash_is_salted_argon2id_and_checks_only_the_right_pin() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second  # random salt
    assert first.startswith("$argon2id$") and "4711" not in first
    assert check_pin(first, "4711") and check_pin(second, "4711")
    assert not check_pin(first, "4712")
    assert not check_pin("kein Hash", "4711")
