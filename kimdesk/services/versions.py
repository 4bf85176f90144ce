"""Use cases over the Fassungen of a Vorlage: list, load, restore into the draft, print, what a signer saw.

Keeping a Fassung at each event is :func:`kimdesk.services.version_log.record_version`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.domain.signoff import assert_editable
from kimdesk.domain.versions import VersionEvent, VersionInfo
from kimdesk.l10n.formatting import format_date, format_datetime
from kimdesk.services.cells import Cell, Row
from kimdesk.services.papers import current_user, keep_workflow_fields, refuse_beyond_limits
from kimdesk.services.ports import PdfRenderer, UnitOfWork, UnitOfWorkFactory
from kimdesk.services.version_log import paper_of, record_version


@dataclass(frozen=True, slots=True)
class LoadedVersion:
    """A Fassung with the Vorlage as it was then, and whether it is still the current state."""

    info: VersionInfo
    paper: Paper
    current: bool

    @property
    def label(self) -> str:
        """ "Fassung 3 vom 02.12.2026" — what the comparison's columns and the PDF mark say."""
        return version_label(self.info)


def version_label(info: VersionInfo) -> str:
    return f"Fassung {info.number} vom {format_date(info.day)}"


def list_versions(uow_factory: UnitOfWorkFactory, reference: str) -> list[VersionInfo]:
    """The Fassungen of the Vorlage ``reference``, oldest first."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        return uow.versions.list(paper.id)


def _load(uow: UnitOfWork, paper: Paper, number: int) -> LoadedVersion:
    version = uow.versions.get(paper.id, number)
    last = uow.versions.last(paper.id)
    current = last is not None and last.number == number
    return LoadedVersion(version.info, paper_of(uow, version.data, paper), current)


def load_version(uow_factory: UnitOfWorkFactory, reference: str, number: int) -> LoadedVersion:
    """Fassung ``number`` of the Vorlage; NotFoundError naming the number if there is none."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        return _load(uow, paper, number)


def load_pair(
    uow_factory: UnitOfWorkFactory, reference: str, first: int, second: int
) -> tuple[LoadedVersion, LoadedVersion]:
    """Two Fassungen for a comparison, the older first."""
    older, newer = sorted((first, second))
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        return _load(uow, paper, older), _load(uow, paper, newer)


def restore_version(
    uow_factory: UnitOfWorkFactory, reference: str, number: int, *, os_account: str | None = None
) -> Paper:
    """Copy Fassung ``number``'s content into the draft and keep that as a NEW Fassung "wiederhergestellt".

    Only the content is taken; state, Mitzeichnungen, Beschlussvermerk and agenda places stay as they
    are. LockedError unless the Vorlage is an Entwurf. The history is never rewritten.
    """
    account = current_user() if os_account is None else os_account
    with uow_factory() as uow:
        stored = uow.papers.get_by_reference(reference)
        assert_editable(stored)
        old = _load(uow, stored, number).paper
        old.id, old.reference, old.version = stored.id, stored.reference, stored.version
        old.created_at = stored.created_at
        keep_workflow_fields(old, stored)
        refuse_beyond_limits(old)
        now = utcnow()
        old.modified_at, old.modified_by = now, account
        uow.papers.update(old)
        record_version(uow, old, VersionEvent.RESTORED, who=account, now=now, note=f"aus Fassung {number}")
        uow.commit()
        return old


def version_pdf(
    uow_factory: UnitOfWorkFactory, renderer: PdfRenderer, office: Office, reference: str, number: int
) -> bytes:
    """The PDF of Fassung ``number``, marked "Fassung N vom …" and "überholt" unless it is the current one."""
    loaded = load_version(uow_factory, reference, number)
    return renderer.render_paper(loaded.paper, office, version_mark=version_mark(loaded))


def version_mark(loaded: LoadedVersion) -> str:
    return loaded.label if loaded.current else f"{loaded.label} – überholt"


def seen_version(versions: list[VersionInfo], person_name: str) -> VersionInfo | None:
    """The Fassung a signer last saw: what they rejected, else what the previous Umlauf gave them.

    ``versions`` oldest first, the last one being what the running Umlauf gives. None in the first
    Umlauf (nothing to compare with).
    """
    starts = [v for v in versions if v.event is VersionEvent.STARTED]
    if len(starts) < 2:
        return None
    current_start = starts[-1]
    earlier = [v for v in versions if v.number < current_start.number]
    rejected = [v for v in earlier if v.event is VersionEvent.REJECTED and v.who == person_name]
    return rejected[-1] if rejected else starts[-2]


def seen_by(
    uow_factory: UnitOfWorkFactory, reference: str, names: list[str]
) -> tuple[list[VersionInfo], dict[str, LoadedVersion]]:
    """The Fassungen, and for each named signer the Fassung they last saw (see :func:`seen_version`)."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        listed = uow.versions.list(paper.id)
        seen: dict[str, LoadedVersion] = {}
        for name in names:
            info = seen_version(listed, name)
            if info is not None:
                seen[name] = _load(uow, paper, info.number)
    return listed, seen


def require_versions(versions: list[VersionInfo], reference: str) -> None:
    if not versions:
        raise NotFoundError(f"Fassungen: Vorlage {reference} hat noch keine Fassung.")


def version_rows(listed: list[VersionInfo]) -> list[Row]:
    """The Fassungen list's rows (Nr., Datum, Ereignis, wer, Bemerkung), the newest first."""
    rows: list[Row] = []
    for index, info in enumerate(reversed(listed)):
        rows.append(
            (
                Cell(str(info.number), emphasis=index == 0),
                Cell(format_datetime(info.at)),
                Cell(info.event.label, alert=info.event is VersionEvent.REJECTED),
                Cell(info.who),
                Cell(info.note),
            )
        )
    return rows
