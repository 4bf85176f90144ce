"""The Formular page: the office's form profile, started from a shipped one and adapted, with a live
PDF preview of a sample Vorlage (rendered off the GUI thread, ``kimdesk.ui.preview``)."""

from __future__ import annotations

import base64
import copy
from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.form_profile import Bodies, FormProfile, Labels, OfficeKind
from kimdesk.domain.masterdata import Office
from kimdesk.l10n.i18n import _
from kimdesk.services.form_preview import preview_paper
from kimdesk.services.form_profiles import apply_profile, check_profile, shipped_profiles
from kimdesk.services.ports import PdfRenderer
from kimdesk.ui.preview import PdfPreview
from kimdesk.ui.settings.form_kind_editor import KindEditor
from kimdesk.ui.settings.models import LabelsModel

MAX_LOGO_BYTES = 1024 * 1024


def label_names() -> dict[str, str]:
    return {
        "reference": _("Vorlage Nr."),
        "lead_department": _("Federführendes Amt"),
        "file_number": _("Aktenzeichen"),
        "committee": _("Gremium im Kopf"),
        "rapporteur": _("Berichterstattung"),
        "role": _("Zuständigkeit"),
        "meeting_date": _("Sitzung am"),
        "agenda_item": _("Punkt"),
        "consultation": _("Beratungsfolge"),
        "body": _("Spalte Gremium"),
        "public": _("öffentliche Sitzung"),
        "non_public": _("nicht-öffentliche Sitzung"),
        "record_intro": _("Beschlussvermerk: Einleitung"),
        "record_closing": _("Beschlussvermerk: Schlusssatz ({datum})"),
    }


class FormPage(QWidget):
    def __init__(self, office: Office, renderer: PdfRenderer | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.profile = copy.deepcopy(office.form_profile)
        #: Set once a shipped profile was taken over: saving then relabels the sign-off roles too.
        self.started_from: str | None = None
        self._loading = False
        self.start = QComboBox()
        self.start.setAccessibleName(_("Mitgeliefertes Formularprofil"))
        for shipped in shipped_profiles():
            self.start.addItem(shipped.profile.name, shipped.key)
        self.take = QPushButton(_("Als Ausgangspunkt &übernehmen"))
        self.take.clicked.connect(self.take_shipped)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name des Profils"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Art der Verwaltung"))
        for office_kind in OfficeKind:
            self.kind.addItem(office_kind.label, office_kind.value)
        self.letterhead = QPlainTextEdit()
        self.letterhead.setAccessibleName(_("Briefkopf"))
        self.letterhead.setFixedHeight(48)
        self.logo_button = QPushButton(_("&Logo wählen …"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.no_logo = QPushButton(_("Logo entfernen"))
        self.no_logo.clicked.connect(lambda: self.set_logo(b""))
        self.bodies = {key: QLineEdit() for key in ("council", "main_committee", "head", "deputy_head")}
        self.record_bodies = QLineEdit()
        self.record_bodies.setAccessibleName(_("Gremien im Beschlussvermerk"))
        self.record_bodies.setToolTip(_("im Genitiv, durch ; getrennt, z. B. Kreistages; Kreisausschusses"))
        self.signature_heading = QLineEdit()
        self.signature_heading.setAccessibleName(_("Überschrift der Unterschrift"))
        self.labels_model = LabelsModel(label_names(), self)
        self.labels = QTableView()
        self.labels.setModel(self.labels_model)
        self.labels.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.labels.setAccessibleName(_("Bezeichnungen des Formulars"))
        self.labels.horizontalHeader().setStretchLastSection(True)
        self.labels.verticalHeader().hide()
        self.labels.setMinimumHeight(260)
        self.labels.setColumnWidth(0, 190)
        self.kinds = QComboBox()
        self.kinds.setAccessibleName(_("Vorlagenart"))
        self.kind_editor = KindEditor()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Problem im Formularprofil"))
        self.preview = PdfPreview(renderer, office)
        self._current_kind = 0
        self._stale = True
        self._build()
        self.load(self.profile)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Ausgangsprofil:")))
        top.addWidget(self.start, 1)
        top.addWidget(self.take)
        logo = QVBoxLayout()
        logo.addWidget(self.logo_button)
        logo.addWidget(self.no_logo)
        general = QFormLayout()
        general.addRow(_("Name:"), self.name)
        general.addRow(_("Verwaltung:"), self.kind)
        general.addRow(_("Briefkopf:"), self.letterhead)
        general.addRow(_("Logo:"), logo)
        names = {
            "council": _("Vertretung:"),
            "main_committee": _("Hauptausschuss:"),
            "head": _("Verwaltungsspitze:"),
            "deputy_head": _("Allgemeiner Vertreter:"),
        }
        for key, edit in self.bodies.items():
            edit.setAccessibleName(names[key].rstrip(":"))
            general.addRow(names[key], edit)
        general.addRow(_("Beschlussvermerk:"), self.record_bodies)
        general.addRow(_("Unterschrift:"), self.signature_heading)
        kinds = QGroupBox(_("Vorlagenarten"))
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.addWidget(self.kinds)
        kinds_layout.addWidget(self.kind_editor)
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.addLayout(general)
        column.addWidget(self.labels)
        column.addWidget(kinds)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(self.preview)
        split.setSizes([600, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        for edit in (self.name, self.record_bodies, self.signature_heading, *self.bodies.values()):
            edit.textEdited.connect(self.refresh)
        self.letterhead.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.labels_model.dataChanged.connect(self.refresh)
        self.kinds.currentIndexChanged.connect(self._switch_kind)
        self.kind_editor.changed.connect(self.refresh)

    # -- loading ------------------------------------------------------------------------------
    def load(self, profile: FormProfile) -> None:
        self._loading = True
        self.profile = copy.deepcopy(profile)
        self.name.setText(profile.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(profile.kind.value)))
        self.letterhead.setPlainText("\n".join(profile.letterhead))
        for key, edit in self.bodies.items():
            edit.setText(getattr(profile.bodies, key))
        self.record_bodies.setText("; ".join(profile.bodies.record_bodies))
        self.signature_heading.setText(profile.signature_heading)
        self.labels_model.set_texts({key: getattr(profile.labels, key) for key in label_names()})
        self.kinds.clear()
        for kind in profile.kinds:
            self.kinds.addItem(kind.label, kind.key)
        self._current_kind = 0
        self.kind_editor.load(profile.kinds[0])
        self._loading = False
        self.refresh()

    def take_shipped(self) -> None:
        key = str(self.start.currentData())
        chosen = next(s for s in shipped_profiles() if s.key == key)
        self.started_from = key
        self.load(chosen.profile)

    def _switch_kind(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self._store_kind()
        self._current_kind = index
        self.kind_editor.load(self.profile.kinds[index])
        self.refresh()

    def _store_kind(self) -> None:
        stored = self.kind_editor.store()
        if stored is not None and 0 <= self._current_kind < len(self.profile.kinds):
            self.profile.kinds[self._current_kind] = stored

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Logo wählen"), "", _("Bilder (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo(Path(path).read_bytes())

    def set_logo(self, data: bytes) -> None:
        if len(data) > MAX_LOGO_BYTES:
            self.problem.setText(_("Logo: die Datei ist größer als 1 MB."))
            return
        self.profile.logo = base64.b64encode(data).decode("ascii")
        self.refresh()

    # -- the profile as edited ------------------------------------------------------------------
    def collect(self) -> FormProfile:
        """The profile as edited; a ValidationError names the field in German."""
        self._store_kind()
        profile = copy.deepcopy(self.profile)
        profile.name = self.name.text().strip()
        profile.kind = OfficeKind(self.kind.currentData())
        profile.letterhead = [
            line.strip() for line in self.letterhead.toPlainText().splitlines() if line.strip()
        ]
        record = [b.strip() for b in self.record_bodies.text().split(";") if b.strip()]
        profile.bodies = Bodies(**{k: e.text().strip() for k, e in self.bodies.items()}, record_bodies=record)
        profile.signature_heading = self.signature_heading.text().strip()
        texts = self.labels_model.texts()
        profile.labels = Labels(
            **{f.name: texts.get(f.name, getattr(profile.labels, f.name)) for f in fields(Labels)}
        )
        for index, kind in enumerate(profile.kinds):
            if index < self.kinds.count():
                self.kinds.setItemText(index, kind.label)
        return check_profile(profile)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def stop(self) -> None:
        """No more previews (the dialog closes): a render still running is dropped."""
        self._stale = False
        self.preview.cancel()

    def refresh(self, *args: object) -> None:
        """Check the profile and re-render the preview (the preview waits until edits pause)."""
        if self._loading:
            return
        if not self.isVisible():  # rendered once the page is shown
            self._stale = True
            return
        self._stale = False
        try:
            profile = self.collect()
        except KimdeskError as exc:
            problems = "; ".join(f"{p.message}" for p in getattr(exc, "problems", []))
            self.problem.setText(
                _("Formularprofil: {message}").format(message=f"{exc.message} {problems}".strip())
            )
            return
        self.problem.setText("")
        # as it will be saved: a profile taken over brings its role labels and signature heading
        if self.started_from is not None:
            self.preview.office = apply_profile(self.office, profile)
        else:
            self.preview.office = replace(self.office, form_profile=profile)
        kind = (
            profile.kinds[self._current_kind] if self._current_kind < len(profile.kinds) else profile.kinds[0]
        )
        self.preview.schedule(preview_paper(profile, kind.key))
