"""Form profiles as data: the shipped ones validate and read back unchanged, the default is the seed
city form, and a broken profile is refused with German messages that name the field."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.form_profile import FORMAT, VERSION, FormProfile, Numbering, OfficeKind
from kimdesk.domain.form_profile_codec import profile_from_data, profile_to_data
from kimdesk.domain.masterdata import Office, Person, SignOffRole
from kimdesk.services.form_profiles import (
    apply_profile,
    check_profile,
    profile_problems,
    read_profile_file,
    shipped_profile,
    shipped_profiles,
    write_profile_file,
)

ROOT = Path(__file__).resolve().parents[2]


def _messages(data: Any) -> dict[str, str]:
    return {p.field: p.message for p in profile_problems(data)}


def test_every_shipped_profile_validates_and_reads_back_unchanged() -> None:
    files = sorted(p for p in (ROOT / "resources" / "forms").glob("*.json") if "schema" not in p.name)
    assert {p.stem for p in files} == {"stadt-standard", "kreis", "stadt-beratungsfolge", "gemeinde"}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["format"] == FORMAT and data["version"] == VERSION
        assert profile_problems(data) == [], path.name
        assert profile_to_data(profile_from_data(data)) == data, path.name
    kinds = {s.key: s.profile.kind for s in shipped_profiles()}
    assert kinds == {
        "stadt-standard": OfficeKind.CITY,
        "kreis": OfficeKind.DISTRICT,
        "stadt-beratungsfolge": OfficeKind.CITY,
        "gemeinde": OfficeKind.MUNICIPALITY,
    }
    assert shipped_profiles()[0].key == "stadt-standard"


def test_the_default_profile_is_the_seed_city_form() -> None:
    assert shipped_profile("stadt-standard") == FormProfile()
    kind = FormProfile().kind_for("information", "Mitteilungsvorlage")
    assert kind.section("draft_resolution").shown_heading == "Beschlussentwurf:"
    assert kind.numbering is None  # the office's own numbering format, as before
    assert FormProfile().labels.lead_department == "Federf. Stadtamt:"


def test_a_shorter_file_takes_the_seed_form_for_what_it_leaves_out() -> None:
    data = {"format": FORMAT, "version": 1, "name": "Kurz", "kind": "gemeinde"}
    data["kinds"] = [{"key": "resolution", "label": "Beschlussvorlage", "sections": [{"key": "subject"}]}]
    assert profile_problems(data) == []
    profile = profile_from_data(data)
    assert profile.bodies == FormProfile().bodies and profile.labels == FormProfile().labels
    assert [s.key for s in profile.kinds[0].sections] == ["subject"]


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (
            lambda d: d["bodies"].update(council=""),
            "$.bodies.council",
            "Vertretung (Rat/Kreistag/Gemeinderat): darf nicht leer sein",
        ),
        (lambda d: d.update(kind="dorf"), "$.kind", "Art der Verwaltung: ungültiger Wert 'dorf'"),
        (lambda d: d.update(version=2), "$.version", "Version: ungültiger Wert 2"),
        (lambda d: d["labels"].update(farbe="rot"), "$.labels", "Bezeichnungen: unbekanntes Feld farbe"),
        (
            lambda d: d["kinds"][0].update(key="Beschluss Vorlage"),
            "$.kinds[0].key",
            "Schlüssel der Vorlagenart: ungültiges Format",
        ),
        (
            lambda d: d["kinds"][0]["sections"].append({"key": "wetter"}),
            "$.kinds[0].sections[12].key",
            "Abschnitt: ungültiger Wert 'wetter'",
        ),
        (
            lambda d: d["kinds"][0].update(
                numbering={"prefix": "", "pattern": "{yy}/{n}", "digits": 0, "per_year": True}
            ),
            "$.kinds[0].numbering.digits",
            "Nummerierung: Stellen: Wert 0 außerhalb",
        ),
        (
            lambda d: d["kinds"][0].update(
                numbering={"prefix": "", "pattern": "{yy}", "digits": 3, "per_year": True}
            ),
            "$.kinds[0].numbering.pattern",
            "Muster ohne {n}",
        ),
        (lambda d: d["kinds"][1].update(key="resolution"), "$.kinds[1].key", "„resolution“ doppelt"),
        (
            lambda d: d["kinds"][0].update(head_layout="quer"),
            "$.kinds[0].head_layout",
            "Kopf der Vorlage: ungültiger Wert 'quer'",
        ),
        (
            lambda d: d["kinds"][0].update(signatures=[{}] * 5),
            "$.kinds[0].signatures",
            "Unterschriften: 5 Einträge, höchstens 4",
        ),
        (lambda d: d.pop("name"), "$", "Name des Profils: fehlt"),
    ],
)
def test_a_bad_profile_is_refused_with_a_german_message_naming_the_field(
    change: Any, field: str, expected: str
) -> None:
    data = profile_to_data(FormProfile())
    change(data)
    messages = _messages(data)
    assert field in messages, messages
    assert expected in messages[field]


def test_edited_profiles_are_checked_like_files() -> None:
    profile = FormProfile()
    profile.kinds[0].numbering = Numbering("BV-", "{yyyy}-{n}", 3, True)
    assert check_profile(profile) is profile
    profile.bodies.head = ""
    with pytest.raises(ValidationError) as caught:
        check_profile(profile)
    assert any("Verwaltungsspitze" in p.message for p in caught.value.problems)


def test_profile_files_round_trip_and_a_wrong_file_is_named(tmp_path: Path) -> None:
    profile = shipped_profile("kreis")
    profile.logo = base64.b64encode(b"\x89PNG").decode("ascii")
    path = tmp_path / "profil.json"
    write_profile_file(profile, path)
    assert read_profile_file(path) == profile
    path.write_text(json.dumps({"format": "kimdesk-exchange", "version": 1}), encoding="utf-8")
    with pytest.raises(ValidationError, match="keine Formularprofil-Datei"):
        read_profile_file(path)


def test_applying_a_profile_relabels_roles_and_keeps_their_holders_by_key() -> None:
    holder = Person("Erika Muster", "Kämmerin")
    office = Office(
        sign_off_roles=[
            SignOffRole("treasurer", "Stadtkämmerer", 0, holder),
            SignOffRole("legal", "Rechtsamt", 1),
        ]
    )
    applied = apply_profile(office, shipped_profile("kreis"))
    roles = {r.key: r for r in applied.sign_off_roles}
    assert roles["treasurer"].label == "Kreiskämmerer" and roles["treasurer"].holder is holder
    assert "legal" not in roles and roles["district_administrator"].holder is None
    assert applied.signature_heading == "Der Landrat" and applied.form_profile == shipped_profile("kreis")
    assert office.form_profile == FormProfile()  # the office given is not changed
    assert copy.deepcopy(applied) == applied
