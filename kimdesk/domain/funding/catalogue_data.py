"""Reading and writing the funding catalogue as JSON-compatible data (the one description of its format)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.domain.funding.catalogue import FlatRate, FundingCatalogue, FundingComponent, FundingProgramme
from kimdesk.domain.money import CENT, MAX_AMOUNT, ZERO, has_at_most_cents

CATALOGUE_FORMAT = "kimdesk-funding-catalogue"
CATALOGUE_VERSION = 1


class _Reader:
    """Collects every problem of a catalogue file, each named by its JSON path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append(Problem(path or "Förderkatalog", message))

    def obj(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, "muss ein Objekt sein")
            return {}
        return value

    def items(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.bad(path, "muss eine Liste sein")
            return []
        return value

    def known_keys(self, data: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                self.bad(f"{path}.{key}" if path else key, "unbekanntes Feld (Tippfehler?)")

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.bad(f"{path}.{key}", "muss ein Text sein")
            return ""
        if required and not value.strip():
            self.bad(f"{path}.{key}", "fehlt")
        return value

    def ident(self, data: Mapping[str, Any], path: str) -> str:
        value = self.text(data, "id", path, required=True)
        if value and not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value):
            self.bad(f"{path}.id", f"„{value}“: nur Kleinbuchstaben, Ziffern, Punkt, - und _ verwenden")
        return value

    def day(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.bad(f"{path}.{key}", "fehlt")
            return None
        if not (isinstance(value, str) and _is_iso_date(value)):
            self.bad(f"{path}.{key}", f"„{value}“ ist kein Datum im Format JJJJ-MM-TT")
            return None
        return date.fromisoformat(value)

    def amount(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> Decimal:
        value = data.get(key)
        where = f"{path}.{key}"
        if value is None:
            if required:
                self.bad(where, "fehlt")
            return ZERO
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad(where, f'„{value}“ ist kein Betrag (Beispiel: "57000.00")')
            return ZERO
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.bad(where, f'„{value}“ ist kein Betrag (Beispiel: "57000.00")')
            return ZERO
        if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
            self.bad(where, "Beträge liegen zwischen 0 und 999.999.999,99 €")
            return ZERO
        if not has_at_most_cents(amount):
            self.bad(where, "Beträge haben höchstens zwei Nachkommastellen (Cent)")
            return ZERO
        return amount.quantize(CENT)

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.bad(f"{path}.{key}", "muss true oder false sein")
            return False
        return value


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_PROGRAMME_KEYS = {"id", "name", "shortName", "legalBasis", "provider", "components"}
_COMPONENT_KEYS = {"id", "module", "name", "description", "rates"}
_RATE_KEYS = {
    "id",
    "validFrom",
    "validTo",
    "annualPerPost",
    "oneOffPerPost",
    "upperLimit",
    "label",
    "guideline",
    "note",
}


def catalogue_from_data(data: Any) -> FundingCatalogue:
    """Read and check a catalogue; ValidationError listing every problem with its JSON path.

    This reader is the one description of the catalogue format (``kimdesk funding export`` writes one).
    """
    reader = _Reader()
    root = reader.obj(data, "")
    reader.known_keys(root, {"format", "version", "programmes"}, "")
    if root:
        if root.get("format") != CATALOGUE_FORMAT:
            reader.bad("format", f"muss „{CATALOGUE_FORMAT}“ lauten – ist das ein Förderkatalog?")
        if root.get("version") != CATALOGUE_VERSION:
            reader.bad("version", f"Version {root.get('version')!r} wird nicht unterstützt (erwartet: 1)")
    programmes: list[FundingProgramme] = []
    seen_programmes: set[str] = set()
    seen_rates: set[str] = set()
    for p_index, p_raw in enumerate(reader.items(root.get("programmes", []), "programmes")):
        p_path = f"programmes[{p_index}]"
        p_data = reader.obj(p_raw, p_path)
        if not p_data:
            continue
        reader.known_keys(p_data, _PROGRAMME_KEYS, p_path)
        programme_id = reader.ident(p_data, p_path)
        if programme_id in seen_programmes:
            reader.bad(f"{p_path}.id", f"„{programme_id}“ kommt doppelt vor")
        seen_programmes.add(programme_id)
        components: list[FundingComponent] = []
        seen_components: set[str] = set()
        for c_index, c_raw in enumerate(reader.items(p_data.get("components", []), f"{p_path}.components")):
            c_path = f"{p_path}.components[{c_index}]"
            c_data = reader.obj(c_raw, c_path)
            if not c_data:
                continue
            reader.known_keys(c_data, _COMPONENT_KEYS, c_path)
            component_id = reader.ident(c_data, c_path)
            if component_id in seen_components:
                reader.bad(f"{c_path}.id", f"„{component_id}“ kommt doppelt vor")
            seen_components.add(component_id)
            rates: list[FlatRate] = []
            for r_index, r_raw in enumerate(reader.items(c_data.get("rates", []), f"{c_path}.rates")):
                r_path = f"{c_path}.rates[{r_index}]"
                r_data = reader.obj(r_raw, r_path)
                if not r_data:
                    continue
                reader.known_keys(r_data, _RATE_KEYS, r_path)
                rate_id = reader.ident(r_data, r_path)
                if rate_id in seen_rates:
                    reader.bad(
                        f"{r_path}.id", f"„{rate_id}“ kommt doppelt vor (Pauschalen-IDs sind eindeutig)"
                    )
                seen_rates.add(rate_id)
                valid_from = reader.day(r_data, "validFrom", r_path, required=True)
                valid_to = reader.day(r_data, "validTo", r_path, required=False)
                if valid_from and valid_to and valid_to < valid_from:
                    reader.bad(f"{r_path}.validTo", "liegt vor validFrom")
                rate = FlatRate(
                    rate_id=rate_id,
                    valid_from=valid_from or date.min,
                    valid_to=valid_to,
                    annual_per_post=reader.amount(r_data, "annualPerPost", r_path, required=True),
                    one_off_per_post=reader.amount(r_data, "oneOffPerPost", r_path, required=False),
                    label=reader.text(r_data, "label", r_path),
                    guideline=reader.text(r_data, "guideline", r_path, required=True),
                    upper_limit=reader.flag(r_data, "upperLimit", r_path),
                    note=reader.text(r_data, "note", r_path),
                )
                rates.append(rate)
            rates.sort(key=lambda r: r.valid_from)
            for earlier, later in pairwise(rates):
                if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                    reader.bad(
                        f"{c_path}.rates",
                        f"Gültigkeit von „{earlier.rate_id}“ und „{later.rate_id}“ überschneidet sich "
                        "(validTo der früheren Pauschale vor validFrom der späteren setzen)",
                    )
            components.append(
                FundingComponent(
                    component_id=component_id,
                    module=reader.text(c_data, "module", c_path),
                    name=reader.text(c_data, "name", c_path, required=True),
                    description=reader.text(c_data, "description", c_path),
                    rates=tuple(rates),
                )
            )
        programmes.append(
            FundingProgramme(
                programme_id=programme_id,
                name=reader.text(p_data, "name", p_path, required=True),
                short_name=reader.text(p_data, "shortName", p_path),
                legal_basis=reader.text(p_data, "legalBasis", p_path),
                provider=reader.text(p_data, "provider", p_path),
                components=tuple(components),
            )
        )
    if reader.problems:
        first = "; ".join(str(p) for p in reader.problems[:3])
        more = f" (und {len(reader.problems) - 3} weitere)" if len(reader.problems) > 3 else ""
        raise ValidationError(f"Förderkatalog ungültig: {first}{more}", reader.problems)
    return FundingCatalogue(tuple(programmes))


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != "" and v is not False}


def catalogue_to_data(catalogue: FundingCatalogue) -> dict[str, Any]:
    """The inverse of :func:`catalogue_from_data` (amounts as strings, dates ISO)."""
    return {
        "format": CATALOGUE_FORMAT,
        "version": CATALOGUE_VERSION,
        "programmes": [
            _compact(
                {
                    "id": p.programme_id,
                    "name": p.name,
                    "shortName": p.short_name,
                    "legalBasis": p.legal_basis,
                    "provider": p.provider,
                    "components": [
                        _compact(
                            {
                                "id": c.component_id,
                                "module": c.module,
                                "name": c.name,
                                "description": c.description,
                                "rates": [_rate_to_data(r) for r in c.rates],
                            }
                        )
                        for c in p.components
                    ],
                }
            )
            for p in catalogue.programmes
        ],
    }


def _rate_to_data(rate: FlatRate) -> dict[str, Any]:
    return _compact(
        {
            "id": rate.rate_id,
            "validFrom": rate.valid_from.isoformat(),
            "validTo": rate.valid_to.isoformat() if rate.valid_to else None,
            "annualPerPost": format(rate.annual_per_post, "f"),
            "oneOffPerPost": format(rate.one_off_per_post, "f") if rate.one_off_per_post else None,
            "upperLimit": rate.upper_limit,
            "label": rate.label,
            "guideline": rate.guideline,
            "note": rate.note,
        }
    )
