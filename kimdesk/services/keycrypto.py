"""The cryptography of personal signing keys: sealed private keys, the office CA, certificates, CRLs.

Keys are ECDSA P-256 (what every PDF reader verifies in a PAdES signature). A private key leaves memory only
sealed: AES-256-GCM under a key derived from the PIN or passphrase with scrypt (parameters stored with it).
Nothing here touches the database or the file system.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from kimdesk.domain.errors import KimdeskError, ValidationError

PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
PASSPHRASE_MIN_LENGTH = 10
#: scrypt cost: 2**16 × 128 × 8 bytes = 64 MiB and about 0.3 s per unlock (bench/bench_sign.py).
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
#: Private extension in a person's certificate: the Mitzeichnung roles (``mayor``, ``mayor/deputy`` …)
#: the office key vouches for. A deputy swapped in the database has no certificate for the role.
ROLES_OID = x509.ObjectIdentifier("1.3.6.1.4.1.57264.1.1")
CA_YEARS = 10
PERSON_YEARS = 3


class WrongSecretError(KimdeskError):
    """The PIN or passphrase does not open the sealed key."""


def validate_secret(secret: str) -> None:
    """ValidationError unless ``secret`` is 6–12 digits or a passphrase of at least 10 characters."""
    if secret != secret.strip():
        raise ValidationError("PIN: darf nicht mit Leerzeichen beginnen oder enden.")
    if secret.isdigit() and secret.isascii():
        if not PIN_MIN_DIGITS <= len(secret) <= PIN_MAX_DIGITS:
            raise ValidationError(
                f"PIN: {PIN_MIN_DIGITS} bis {PIN_MAX_DIGITS} Ziffern "
                f"(oder eine Passphrase mit mindestens {PASSPHRASE_MIN_LENGTH} Zeichen)."
            )
        return
    if len(secret) < PASSPHRASE_MIN_LENGTH:
        raise ValidationError(
            f"PIN: {PIN_MIN_DIGITS} bis {PIN_MAX_DIGITS} Ziffern oder eine Passphrase mit mindestens "
            f"{PASSPHRASE_MIN_LENGTH} Zeichen."
        )


def new_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(salt: bytes, n: int, r: int, p: int) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p)


def seal_private_key(
    key: ec.EllipticCurvePrivateKey, secret: str, label: str, *, cost: int = SCRYPT_N
) -> bytes:
    """The key as PKCS#8 DER, encrypted (AES-256-GCM, scrypt from ``secret``); ``label`` is authenticated."""
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = _kdf(salt, cost, SCRYPT_R, SCRYPT_P).derive(secret.encode("utf-8"))
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    sealed = AESGCM(wrapping).encrypt(nonce, der, label.encode("utf-8"))
    document = {
        "format": "kimdesk-sealed-key-1",
        "label": label,
        "kdf": {"name": "scrypt", "n": cost, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": {"name": "AES-256-GCM", "nonce": _b64(nonce)},
        "data": _b64(sealed),
    }
    return json.dumps(document, indent=1).encode("utf-8")


def open_private_key(blob: bytes, secret: str) -> ec.EllipticCurvePrivateKey:
    """The sealed key; WrongSecretError if ``secret`` does not open it, KimdeskError if unreadable."""
    try:
        document = json.loads(blob)
        kdf = document["kdf"]
        salt = base64.b64decode(kdf["salt"])
        nonce = base64.b64decode(document["cipher"]["nonce"])
        data = base64.b64decode(document["data"])
        scrypt = _kdf(salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        label = str(document["label"])
    except (ValueError, KeyError, TypeError) as exc:
        raise KimdeskError("Signaturschlüssel: die Schlüsseldatei ist beschädigt.") from exc
    wrapping = scrypt.derive(secret.encode("utf-8"))
    try:
        der = AESGCM(wrapping).decrypt(nonce, data, label.encode("utf-8"))
    except InvalidTag as exc:
        raise WrongSecretError("PIN: falsch.") from exc
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise KimdeskError("Signaturschlüssel: kein ECDSA-Schlüssel.")
    return key


def public_pem(key: ec.EllipticCurvePublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_pem(text: str) -> ec.EllipticCurvePublicKey:
    key = serialization.load_pem_public_key(text.encode("ascii"))
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise KimdeskError("Signaturschlüssel: kein ECDSA-Schlüssel.")
    return key


def cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_cert(text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(text.encode("ascii"))


def _grouped(digest: bytes) -> str:
    text = digest.hex().upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint, hex in groups of four (what IT compares when installing the anchor)."""
    return _grouped(cert.fingerprint(hashes.SHA256()))


def key_fingerprint(key: ec.EllipticCurvePublicKey) -> str:
    """SHA-256 of the public key (SubjectPublicKeyInfo), grouped like :func:`fingerprint`: what the person
    reads out after setting up a key and the administrator compares before certifying it."""
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashes.Hash(hashes.SHA256())
    digest.update(der)
    return _grouped(digest.finalize())


def office_ca_from_pkcs12(data: bytes, password: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The municipality's own CA certificate and key from a PKCS#12 file (instead of a self-signed one).

    It must be able to issue certificates (a CA with the key usage „Zertifikate signieren“) and have a
    P-256 key, as the persons' certificates and every PDF reader's check expect; else a German message.
    """
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8") or None)
    except ValueError as exc:
        raise KimdeskError(
            "PKCS#12-Datei: lässt sich nicht öffnen (falsches Passwort oder keine PKCS#12-Datei)."
        ) from exc
    if key is None or cert is None:
        raise KimdeskError("PKCS#12-Datei: enthält keinen Schlüssel mit Zertifikat.")
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise KimdeskError("PKCS#12-Datei: der Schlüssel ist kein ECDSA-P-256-Schlüssel.")
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        can_sign = cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    except x509.ExtensionNotFound:
        is_ca = can_sign = False
    if not (is_ca and can_sign):
        raise KimdeskError(
            "PKCS#12-Datei: das Zertifikat ist kein CA-Zertifikat (es darf keine Zertifikate ausstellen) – "
            "für die Signaturschlüssel der Personen braucht kimdesk ein CA-Zertifikat der Kommune."
        )
    return key, cert


def new_office_ca(
    municipality: str,
    now: datetime,
    *,
    key: ec.EllipticCurvePrivateKey | None = None,
    serial: str | None = None,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new office key (or ``key``) and its self-signed CA certificate."""
    key = key or new_private_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"kimdesk Signatur-CA {municipality}"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, municipality[:64] or "kimdesk"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, serial or uuid.uuid4().hex),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _der_utf8(text: str) -> bytes:
    data = text.encode("utf-8")
    size = len(data)
    if size < 0x80:
        length = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return b"\x0c" + length + data


def _from_der_utf8(data: bytes) -> str:
    if not data or data[0] != 0x0C or len(data) < 2:
        return ""
    if data[1] < 0x80:
        return data[2:].decode("utf-8", "replace")
    skip = 2 + (data[1] & 0x7F)
    return data[skip:].decode("utf-8", "replace")


def issue_certificate(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    public_key: ec.EllipticCurvePublicKey,
    *,
    person_id: uuid.UUID,
    name: str,
    roles: list[str],
    now: datetime,
) -> x509.Certificate:
    """The person's certificate: name, person id, and the roles the office key vouches for."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name[:64] or "?"),
            x509.NameAttribute(NameOID.USER_ID, str(person_id)),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + timedelta(days=365 * PERSON_YEARS), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(
            x509.UnrecognizedExtension(ROLES_OID, _der_utf8(",".join(sorted(roles)))), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )


def certificate_person(cert: x509.Certificate) -> uuid.UUID | None:
    values = cert.subject.get_attributes_for_oid(NameOID.USER_ID)
    try:
        return uuid.UUID(str(values[0].value)) if values else None
    except ValueError:
        return None


def certificate_roles(cert: x509.Certificate) -> set[str]:
    try:
        ext = cert.extensions.get_extension_for_oid(ROLES_OID).value
    except x509.ExtensionNotFound:
        return set()
    if not isinstance(ext, x509.UnrecognizedExtension):
        return set()
    return {r for r in _from_der_utf8(ext.value).split(",") if r}


def issued_by(cert: x509.Certificate, ca_cert: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def build_crl(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    revoked: list[tuple[int, datetime]],
    now: datetime,
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now)
        .next_update(now + timedelta(days=365 * CA_YEARS))
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def crl_pem(crl: x509.CertificateRevocationList) -> str:
    return crl.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_crl(text: str) -> x509.CertificateRevocationList:
    return x509.load_pem_x509_crl(text.encode("ascii"))


def crl_valid_for(crl: x509.CertificateRevocationList, ca_cert: x509.Certificate) -> bool:
    key = ca_cert.public_key()
    return (
        crl.issuer == ca_cert.subject
        and isinstance(key, ec.EllipticCurvePublicKey)
        and crl.is_signature_valid(key)
    )


def sign_bytes(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def signature_valid(cert: x509.Certificate, data: bytes, signature: bytes) -> bool:
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return False
    try:
        key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
