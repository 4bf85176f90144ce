"""Fördermodule: the KIM Bausteine applied for, live figures, and "Tabelle übernehmen"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.funding.catalogue import FundingCatalogue, attach_rate
from kimdesk.domain.funding.figures import compute_module
from kimdesk.domain.funding.module import parse_posts, parse_years
from kimdesk.domain.model import FundingModule
from kimdesk.domain.money import ZERO
from kimdesk.l10n.formatting import format_money, format_posts
from kimdesk.l10n.i18n import _
from kimdesk.ui.editor.widgets import MoneyEdit

COL_COMPONENT, COL_POSTS, COL_YEARS, COL_OWN, COL_GRANT = range(5)


class FundingEditor(QWidget):
    changed = Signal(str)
    structure_changed = Signal(str)
    take_over = Signal()

    def __init__(self, catalogue: FundingCatalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.choices: list[tuple[str, str, str]] = [
            (p.programme_id, c.component_id, f"{p.display_short} – {c.title}")
            for p in catalogue.programmes
            for c in p.components
        ]
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Programm / Baustein"),
                _("Stellen"),
                _("Zeitraum"),
                _("Eigenanteil €/Jahr"),
                _("Zuschuss €/Jahr"),
            ]
        )
        self.table.setAccessibleName(_("Fördermodule"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COMPONENT, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName(_("Summen der Fördermodule"))
        self.add_button = QPushButton(_("Fördermodul hin&zufügen"), self)
        self.remove_button = QPushButton(_("Fördermodul entfe&rnen"), self)
        self.take_button = QPushButton(_("&Tabelle übernehmen"), self)
        self.take_button.setToolTip(
            _("Die Beträge der Fördermodule in die Tabelle der finanziellen Auswirkungen übernehmen")
        )
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.take_button.clicked.connect(self.take_over)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.take_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)

    def _insert_row(self, row: int, module: FundingModule) -> None:
        number = row + 1
        self.table.insertRow(row)
        component = QComboBox()
        component.setAccessibleName(_("Baustein, Fördermodul {n}").format(n=number))
        for programme_id, component_id, label in self.choices:
            component.addItem(label, (programme_id, component_id))
        # findData cannot match a Python tuple after Qt's round trip: compare the keys here.
        wanted = (module.programme, module.component)
        index = next((i for i in range(component.count()) if tuple(component.itemData(i)) == wanted), -1)
        if index < 0 and module.programme:
            component.addItem(
                f"{module.programme} – {module.component}", (module.programme, module.component)
            )
            index = component.count() - 1
        component.setCurrentIndex(max(index, 0))
        component.module = module  # type: ignore[attr-defined]
        posts = QLineEdit(format_posts(module.posts))
        posts.setAccessibleName(_("Stellen, Fördermodul {n}").format(n=number))
        years = QLineEdit(
            f"{module.start_year}–{module.end_year}"
            if module.end_year != module.start_year
            else str(module.start_year)
        )
        years.setAccessibleName(_("Zeitraum, Fördermodul {n}").format(n=number))
        own = MoneyEdit(_("Eigenanteil, Fördermodul {n}").format(n=number))
        own.set_value(module.own_contribution)
        grant = QLabel()
        grant.setAccessibleName(_("Zuschuss, Fördermodul {n}").format(n=number))
        for column, widget in enumerate((component, posts, years, own, grant)):
            self.table.setCellWidget(row, column, widget)
        key = f"funding:{id(component)}"
        component.currentIndexChanged.connect(lambda _i: self.changed.emit(key + ":component"))
        posts.textChanged.connect(lambda _t: self.changed.emit(key + ":posts"))
        years.textChanged.connect(lambda _t: self.changed.emit(key + ":years"))
        own.textChanged.connect(lambda _t: self.changed.emit(key + ":own"))

    def set_value(self, modules: list[FundingModule]) -> None:
        blocker = self.blockSignals(True)
        self.table.setRowCount(0)
        for row, module in enumerate(modules):
            self._insert_row(row, module)
        self.blockSignals(blocker)
        self.value()

    def value(self) -> tuple[list[FundingModule], list[str]]:
        modules: list[FundingModule] = []
        problems: list[str] = []
        annual = ZERO
        for row in range(self.table.rowCount()):
            component: QComboBox = self.table.cellWidget(row, COL_COMPONENT)  # type: ignore[assignment]
            posts_edit: QLineEdit = self.table.cellWidget(row, COL_POSTS)  # type: ignore[assignment]
            years_edit: QLineEdit = self.table.cellWidget(row, COL_YEARS)  # type: ignore[assignment]
            own_edit: MoneyEdit = self.table.cellWidget(row, COL_OWN)  # type: ignore[assignment]
            grant_label: QLabel = self.table.cellWidget(row, COL_GRANT)  # type: ignore[assignment]
            where = _("Fördermodul {n}").format(n=row + 1)
            original: FundingModule = component.module  # type: ignore[attr-defined]
            programme_id, component_id = component.currentData() or ("", "")
            try:
                posts = parse_posts(posts_edit.text(), f"{where}, {_('Stellen')}")
            except KimdeskError as exc:
                problems.append(exc.message)
                posts = original.posts
            try:
                start, end = parse_years(years_edit.text(), f"{where}, {_('Zeitraum')}")
            except KimdeskError as exc:
                problems.append(exc.message)
                start, end = original.start_year, original.end_year
            own, error = own_edit.value()
            if error:
                problems.append(error)
            same_rate = (programme_id, component_id, start) == (
                original.programme,
                original.component,
                original.start_year,
            )
            module = FundingModule(
                programme=programme_id,
                component=component_id,
                posts=posts,
                start_year=start,
                end_year=end,
                own_contribution=own if own is not None else ZERO,
                notes=original.notes,
                rate=original.rate if same_rate else None,
                id=original.id,
            )
            try:
                module = attach_rate(module, self.catalogue)
                figures = compute_module(module, where)
                grant_label.setText(format_money(figures.annual_grant, symbol=False))
                annual += figures.annual_grant
            except KimdeskError as exc:
                grant_label.setText("–")
                problems.append(exc.message)
            modules.append(module)
        self.totals.setText(
            _("Zuschuss zusammen: {amount} je Jahr, {posts} Stellen").format(
                amount=format_money(annual), posts=format_posts(sum((m.posts for m in modules), Decimal(0)))
            )
            if modules
            else _("Keine Fördermodule.")
        )
        return modules, problems

    def add_row(self) -> None:

        year = date.today().year
        programme, component = (self.choices[0][0], self.choices[0][1]) if self.choices else ("", "")
        self._insert_row(
            self.table.rowCount(),
            FundingModule(
                programme=programme,
                component=component,
                posts=Decimal("1"),
                start_year=year,
                end_year=year + 2,
            ),
        )
        self.table.selectRow(self.table.rowCount() - 1)
        self.structure_changed.emit(_("Fördermodul hinzufügen"))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.structure_changed.emit(_("Fördermodul entfernen"))

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.take_button):
            button.setEnabled(not read_only)
