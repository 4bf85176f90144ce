"""Signing PINs and sealed keys: what is accepted, and that the key never lies open."""

from __future__ import annotations

import json

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.services import keycrypto as kc


@pytest.mark.parametrize("pin", ["123456", "123456789012", "Sonnenblume 7", "lange Passphrase"])
def test_accepted_pins(pin: str) -> None:
    kc.validate_secret(pin)


@pytest.mark.parametrize(
    "pin", ["4711", "12345", "1234567890123", "abc", "kurz-pass", " 123456", "１２３４５６"]
)
def test_refused_pins_name_the_field(pin: str) -> None:
    with pytest.raises(ValidationError, match=r"^PIN: "):
        kc.validate_secret(pin)


def test_sealed_key_opens_only_with_its_pin_and_keeps_scrypt_parameters() -> None:
    key = kc.new_private_key()
    blob = kc.seal_private_key(key, "246810", "person")
    document = json.loads(blob)
    assert document["kdf"] == {**document["kdf"], "name": "scrypt", "n": kc.SCRYPT_N, "r": 8, "p": 1}
    secret_number = key.private_numbers().private_value.to_bytes(32, "big")
    assert secret_number not in blob and secret_number.hex().encode() not in blob
    opened = kc.open_private_key(blob, "246810")
    assert opened.private_numbers() == key.private_numbers()
    with pytest.raises(kc.WrongSecretError):
        kc.open_private_key(blob, "246811")
    tampered = json.dumps({**document, "label": "someone else"}).encode()
    with pytest.raises(kc.WrongSecretError):
        kc.open_private_key(tampered, "246810")
