"""What saving the settings' tables changes: only new and edited records, never a lost PIN or id."""

from __future__ import annotations

from kimdesk.domain.masterdata import Organization, OrganizationKind, Person, SignOffRole
from kimdesk.services.settings_rows import (
    RoleRow,
    TextRow,
    changed_organizations,
    changed_persons,
    organization_rows,
    person_label,
    person_rows,
    role_rows,
    sign_off_roles,
)

DEPARTMENT, COMMITTEE = OrganizationKind.DEPARTMENT, OrganizationKind.COMMITTEE


def test_unchanged_rows_save_nothing_and_edits_keep_the_record() -> None:
    rat = Organization("Rat", COMMITTEE, "Rat", "Rates")
    amt = Organization("Kämmerei", DEPARTMENT, "20")
    rows = organization_rows([rat, amt], COMMITTEE)
    assert [r.cells for r in rows] == [["Rat", "Rat", "Rates"]]  # only the committees
    assert changed_organizations(rows, COMMITTEE, [rat, amt]) == []
    rows[0].cells[1] = "  RAT "
    (edited,) = changed_organizations(rows, COMMITTEE, [rat, amt])
    assert edited.id == rat.id and edited.short_name == "RAT" and edited.name_genitive == "Rates"


def test_a_new_row_becomes_a_new_organization_and_a_nameless_row_is_left_out() -> None:
    rows = [TextRow(["  Jugendhilfeausschuss ", "JHA", ""]), TextRow(["  ", "X", "Y"])]
    (new,) = changed_organizations(rows, COMMITTEE, [])
    assert (new.name, new.short_name, new.kind) == ("Jugendhilfeausschuss", "JHA", COMMITTEE)


def test_editing_a_person_keeps_her_id_and_pin_hash() -> None:
    moeller = Person("Dr. Sabine Möller", "Stadtkämmerin", pin_hash="argon2-hash")
    rows = person_rows([moeller])
    assert changed_persons(rows, [moeller]) == []
    rows[0].cells[1] = "Stadtkämmerin und Beigeordnete"
    rows.append(TextRow(["Neu Person", " Sachbearbeitung "]))
    edited, added = changed_persons(rows, [moeller])
    assert edited.id == moeller.id and edited.pin_hash == "argon2-hash"
    assert edited.function == "Stadtkämmerin und Beigeordnete"
    assert (added.name, added.function, added.pin_hash) == ("Neu Person", "Sachbearbeitung", None)
    assert added.id != moeller.id


def test_roles_take_the_picked_persons_in_the_order_shown() -> None:
    mayor, deputy = Person("Frank Meyer", "Bürgermeister"), Person("Rainer Weichelt")
    roles = [SignOffRole("mayor", "Bürgermeister", 0, holder=mayor), SignOffRole("treasurer", "Kämmerer", 1)]
    rows = role_rows(roles)
    assert rows == [RoleRow("mayor", "Bürgermeister", str(mayor.id), ""), RoleRow("treasurer", "Kämmerer")]
    rows[0].deputy = str(deputy.id)
    rows[1].holder = "an id no longer known"
    saved = sign_off_roles(rows, [mayor, deputy])
    assert [(r.key, r.order, r.holder, r.deputy) for r in saved] == [
        ("mayor", 0, mayor, deputy),
        ("treasurer", 1, None, None),
    ]


def test_a_person_is_offered_with_her_function() -> None:
    assert person_label(Person("Frank Meyer", "Bürgermeister")) == "Frank Meyer – Bürgermeister"
    assert person_label(Person("Rainer Weichelt")) == "Rainer Weichelt"
