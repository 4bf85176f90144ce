"""The demo office's Mitzeichnungen, made through the real services with fixed times (a genuine audit chain).

20/0270 is Freigegeben (signed 01.–03.09.2020, before the Integrationsrat of 09.09.2020), 20/0311 is
In Mitzeichnung with the Bürgermeister still missing, 20/0325 was rejected by the Rechtsamt. The two
further Vorlagen of the 09.09.2020 agenda (20/0262, 20/0281, from the meetings demo) are added as drafts
and released here, so that ``kimdesk verify`` passes on the demo office: run this after ``load_demo``
and before ``apply_demo_meetings``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.model import ImpactChoice, PaperStatus, SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.domain.validation import validate_paper
from kimdesk.services import signoff
from kimdesk.services.papers import save_paper
from kimdesk.services.ports import UnitOfWorkFactory

DEMO_ACCOUNT = "demo"


def _at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, month, day, hour, minute, tzinfo=BERLIN)


def _untouched(uow_factory: UnitOfWorkFactory, reference: str) -> bool:
    """A demo Vorlage that exists, is a draft and never was in an Umlauf (so running twice adds nothing)."""
    try:
        with uow_factory() as uow:
            paper = uow.papers.get_by_reference(reference)
    except NotFoundError:
        return False
    return paper.status is PaperStatus.DRAFT and not paper.sign_offs


def _sign(
    uow_factory: UnitOfWorkFactory, reference: str, role: str, person: str, now: datetime, **extra: Any
) -> None:
    """One demo signature through the real service, at a fixed time, by the demo account."""
    signoff.sign(
        uow_factory,
        reference,
        role_key=role,
        person_name=person,
        now=now,
        os_account=DEMO_ACCOUNT,
        **extra,
    )


def apply_demo_signoffs(uow_factory: UnitOfWorkFactory) -> list[str]:
    """Give the demo Vorlagen their sign-off history.

    Returns the references of the Vorlagen it added (20/0262, 20/0281), as ``kimdesk demo`` reports them;
    running it again adds and changes nothing.
    """
    if _untouched(uow_factory, "20/0270"):
        ref = "20/0270"
        signoff.start(
            uow_factory,
            ref,
            roles=["mayor", "first_deputy", "treasurer", "deputies"],
            due_date=date(2020, 9, 4),
            now=_at(31, 8, 14),
            os_account=DEMO_ACCOUNT,
        )
        _sign(uow_factory, ref, "first_deputy", "Rainer Weichelt", _at(1, 9, 9, 12))
        _sign(
            uow_factory,
            ref,
            "treasurer",
            "Dr. Sabine Möller",
            _at(2, 9, 10, 40),
            decision=SignOffDecision.NOTED,
        )
        _sign(uow_factory, ref, "deputies", "Andrea Krause", _at(2, 9, 15, 5))
        _sign(uow_factory, ref, "mayor", "Christoph Tesche", _at(3, 9, 11, 30))

    if _untouched(uow_factory, "20/0311"):
        ref = "20/0311"
        # Financial impact "folgende": the Stadtkämmerer joins automatically.
        signoff.start(
            uow_factory,
            ref,
            roles=["mayor", "first_deputy"],
            due_date=date(2020, 10, 30),
            now=_at(19, 10, 8, 30),
            os_account=DEMO_ACCOUNT,
        )
        _sign(uow_factory, ref, "first_deputy", "Rainer Weichelt", _at(20, 10, 9))
        _sign(
            uow_factory,
            ref,
            "treasurer",
            "Dr. Sabine Möller",
            _at(21, 10, 14, 15),
            remark="Mittel im Teilergebnisplan 0501 veranschlagt.",
        )

    if _untouched(uow_factory, "20/0325"):
        ref = "20/0325"
        _complete_report(uow_factory, ref)
        signoff.start(
            uow_factory,
            ref,
            roles=["first_deputy"],
            include_legal=True,
            due_date=date(2020, 11, 6),
            now=_at(26, 10, 10),
            os_account=DEMO_ACCOUNT,
        )
        _sign(uow_factory, ref, "first_deputy", "Rainer Weichelt", _at(27, 10, 8, 45))
        signoff.reject(
            uow_factory,
            ref,
            role_key="legal",
            person_name="Yasemin Aydın",
            remark="Bitte die Rechtsgrundlage (§ 9 TIntG NRW) und den Förderzeitraum in der "
            "Begründung nennen.",
            now=_at(28, 10, 16, 20),
            os_account=DEMO_ACCOUNT,
        )
    return _release_agenda_papers(uow_factory)


def _release_agenda_papers(uow_factory: UnitOfWorkFactory) -> list[str]:
    """20/0262 and 20/0281 went to the Integrationsrat on 09.09.2020: signed off in August."""
    from kimdesk.services.demo import demo_organizations, demo_persons
    from kimdesk.services.demo_meetings import extra_papers

    with uow_factory() as uow:
        existing = set(uow.papers.all_ids())
        fresh = [p for p in extra_papers(demo_organizations(), demo_persons()) if p.id not in existing]
        for paper in fresh:
            paper.status = PaperStatus.DRAFT
            if paper.financial_impact.choice is None and not paper.financial_impact.amounts:
                paper.financial_impact.choice = ImpactChoice.NONE
            if paper.climate_impact is None:
                paper.climate_impact = ImpactChoice.NONE
            uow.papers.add(paper)
        uow.commit()
    for day, paper in enumerate(fresh):
        signoff.start(
            uow_factory,
            paper.reference,
            roles=["mayor", "first_deputy"],
            due_date=date(2020, 9, 2),
            now=_at(24 + day, 8, 9),
            os_account=DEMO_ACCOUNT,
        )
        _sign(uow_factory, paper.reference, "first_deputy", "Rainer Weichelt", _at(25 + day, 8, 10, 30))
        _sign(
            uow_factory,
            paper.reference,
            "mayor",
            "Rainer Weichelt",
            _at(26 + day, 8, 14),
            as_deputy=True,
            remark="Bürgermeister im Urlaub",
        )
    return [p.reference for p in fresh]


def _complete_report(uow_factory: UnitOfWorkFactory, reference: str) -> None:
    """The demo Berichtsvorlage lacks the two check boxes; tick "keine" where nothing is ticked."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
    if not validate_paper(paper):
        return
    impact = paper.financial_impact
    if impact.choice is None and not impact.amounts:
        impact.choice = ImpactChoice.NONE
        impact.budget_available = None
    if paper.climate_impact is None:
        paper.climate_impact = ImpactChoice.NONE
    save_paper(uow_factory, paper)
