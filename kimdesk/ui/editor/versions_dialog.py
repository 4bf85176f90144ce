"""„Fassungen“ of one Vorlage: the list, and for the selected ones Vergleichen, Als PDF, Wiederherstellen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.domain.versions import VersionInfo
from kimdesk.l10n.i18n import _
from kimdesk.services import versions
from kimdesk.services.files import write_atomically
from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.compare import CompareDialog
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.tasks import Task, run_task


class VersionsDialog(QDialog):
    """Lists the Fassungen (newest first); ``restored`` carries the Vorlage after „Wiederherstellen“."""

    restored = Signal(object)

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        paper: Paper,
        office: Office,
        renderer: PdfRenderer | None,
        *,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("versions-dialog")
        self.uow_factory = uow_factory
        self.reference = paper.reference
        self.office = office
        self.renderer = renderer
        self.editable = editable
        self.listed: list[VersionInfo] = []
        self.task: Task | None = None
        self.compare_dialog: CompareDialog | None = None
        self.setWindowTitle(_("Fassungen – Vorlage {reference}").format(reference=paper.reference))
        intro = QLabel(
            _(
                "Jeder Stand, der zählte: Beginn jedes Umlaufs, Ablehnung, Freigabe, Beschluss und die "
                "letzte Speicherung jedes Tages. Zwei Fassungen auswählen (Strg+Klick) und vergleichen."
            )
        )
        intro.setWordWrap(True)
        self.table = ReadOnlyTable(
            [_("Nr."), _("Datum"), _("Ereignis"), _("wer"), _("Bemerkung")], _("Fassungen"), stretch=4
        )
        self.table.setSelectionMode(ReadOnlyTable.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.compare_with_current())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Hinweis"))
        buttons = QDialogButtonBox()
        self.compare_button = QPushButton(_("&Vergleichen"))
        self.pdf_button = QPushButton(_("Als &PDF …"))
        self.restore_button = QPushButton(_("&Wiederherstellen …"))
        for button in (self.compare_button, self.pdf_button, self.restore_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Schließen"))
        buttons.rejected.connect(self.reject)
        self.compare_button.clicked.connect(self.compare_selected)
        self.pdf_button.clicked.connect(self.export_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self._update_buttons()
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.status.setText(_("Fassungen werden geladen …"))
        uow_factory, reference = self.uow_factory, self.reference
        self.task = run_task(
            lambda: versions.list_versions(uow_factory, reference), self._listed, self._failed
        )

    def _listed(self, listed: list[VersionInfo]) -> None:
        self.task = None
        self.listed = listed
        self.table.set_rows(versions.version_rows(listed))
        if listed:
            self.status.setText(_("{n} Fassung(en); die oberste ist die aktuelle.").format(n=len(listed)))
            self.table.selectRow(0)
        else:
            self.status.setText(_("Noch keine Fassung – die erste entsteht beim Speichern."))
        self.table.setFocus()
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        text = exc.message if isinstance(exc, KimdeskError) else str(exc)
        self.status.setText(_("Fehler: {error}").format(error=text))
        self._update_buttons()

    # --- selection --------------------------------------------------------------------------------
    def selected_numbers(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        newest_first = list(reversed(self.listed))
        return [newest_first[row].number for row in rows if row < len(newest_first)]

    def select_numbers(self, *numbers: int) -> None:
        """Select the Fassungen with these numbers (keyboard users: Umschalt/Strg + Pfeiltasten)."""
        self.table.clearSelection()
        newest_first = [v.number for v in reversed(self.listed)]
        mode = self.table.selectionMode()
        self.table.setSelectionMode(ReadOnlyTable.SelectionMode.MultiSelection)
        for number in numbers:
            self.table.selectRow(newest_first.index(number))
        self.table.setSelectionMode(mode)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_numbers() if self.listed else []
        idle = self.task is None
        self.compare_button.setEnabled(idle and len(chosen) == 2)
        self.pdf_button.setEnabled(idle and len(chosen) == 1 and self.renderer is not None)
        current = self.listed[-1].number if self.listed else None
        self.restore_button.setEnabled(idle and self.editable and len(chosen) == 1 and chosen[0] != current)
        if not self.editable:
            self.restore_button.setToolTip(_("Nur im Entwurf: die Vorlage ist gesperrt."))

    # --- actions ----------------------------------------------------------------------------------
    def compare_with_current(self) -> None:
        chosen = self.selected_numbers()
        if len(chosen) == 1 and self.listed and chosen[0] != self.listed[-1].number:
            self.select_numbers(chosen[0], self.listed[-1].number)
        self.compare_selected()

    def compare_selected(self) -> None:
        chosen = self.selected_numbers()
        if len(chosen) != 2:
            return
        uow_factory, reference = self.uow_factory, self.reference
        self.status.setText(_("Fassungen werden geladen …"))
        self.task = run_task(
            lambda: versions.load_pair(uow_factory, reference, chosen[0], chosen[1]),
            self._compare,
            self._failed,
        )
        self._update_buttons()

    def _compare(self, pair: tuple[versions.LoadedVersion, versions.LoadedVersion]) -> None:
        self.task = None
        self._update_buttons()
        self.status.setText("")
        old, new = pair
        self.compare_dialog = CompareDialog(old.paper, new.paper, old.label, new.label, self)
        self.compare_dialog.open()

    def export_selected(self) -> None:
        chosen = self.selected_numbers()
        if len(chosen) != 1 or self.renderer is None:
            return
        number = chosen[0]
        suggestion = _("Vorlage-{reference}-Fassung-{number}.pdf").format(
            reference=self.reference.replace("/", "-"), number=number
        )
        path = file_dialogs.save_file_name(
            self, _("Fassung als PDF"), str(Path.home() / suggestion), _("PDF-Dateien (*.pdf)")
        )
        if path:
            self.export_to(Path(path), number)

    def export_to(self, target: Path, number: int) -> None:
        renderer, office, uow_factory, reference = (
            self.renderer,
            self.office,
            self.uow_factory,
            self.reference,
        )
        assert renderer is not None

        def work() -> Path:
            data = versions.version_pdf(uow_factory, renderer, office, reference, number)
            return write_atomically(target, data, what="PDF")

        self.status.setText(_("PDF wird erstellt …"))
        self.task = run_task(work, self._exported, self._failed)
        self._update_buttons()

    def _exported(self, path: Path) -> None:
        self.task = None
        self.status.setText(_("PDF gespeichert: {path}").format(path=path))
        self._update_buttons()

    def restore_selected(self) -> None:
        chosen = self.selected_numbers()
        if len(chosen) != 1 or not self.editable:
            return
        number = chosen[0]
        question = _(
            "Den Inhalt von Fassung {number} in den Entwurf übernehmen? Das wird eine neue Fassung "
            "„wiederhergestellt“; alle bisherigen Fassungen bleiben erhalten."
        ).format(number=number)
        if not dialogs.confirm(self, _("Fassung wiederherstellen"), question):
            return
        uow_factory, reference = self.uow_factory, self.reference
        self.task = run_task(
            lambda: versions.restore_version(uow_factory, reference, number), self._restored, self._failed
        )
        self._update_buttons()

    def _restored(self, paper: Paper) -> None:
        self.task = None
        self.restored.emit(paper)
        self.refresh()
