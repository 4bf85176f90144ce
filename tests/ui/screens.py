"""What "usable on this screen" means for a window, measured on its widgets (shared with a subprocess that
runs under QT_SCALE_FACTOR=1.5, where Qt must be started with the factor already set)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView, QScrollArea, QSizePolicy, QStyle, QWidget


def _inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def clipped(root: QWidget) -> list[str]:
    """Visible widgets that reach past the window's edge (content of a scroll area may: it scrolls)."""
    bounds = root.rect()
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root or _inside_scroll_area(widget, root):
            continue
        top_left = widget.mapTo(root, widget.rect().topLeft())
        bottom_right = widget.mapTo(root, widget.rect().bottomRight())
        if not (bounds.contains(top_left) and bounds.contains(bottom_right)):
            name = widget.accessibleName() or widget.objectName() or type(widget).__name__
            out.append(f"{name} bis {bottom_right.x()}×{bottom_right.y()}")
    return out


def scrolling_inside_scrolling(root: QWidget) -> list[str]:
    """Scroll bars on show inside a scrolling page: the page would scroll inside the page."""
    found = []
    for area in root.findChildren(QScrollArea):
        if not area.isVisible() or area.widget() is None:
            continue
        for inner in area.widget().findChildren(QAbstractScrollArea):
            if not inner.isVisible():
                continue
            for bar in (inner.verticalScrollBar(), inner.horizontalScrollBar()):
                if bar.isVisible() and bar.maximum() > 0:
                    found.append(inner.accessibleName() or type(inner).__name__)
    return found


def _least_width(widget: QWidget) -> int:
    """The width a layout must give ``widget`` at least."""
    if widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
        return widget.minimumWidth()
    return max(widget.minimumWidth(), widget.minimumSizeHint().width())


def scrolling_sideways(root: QWidget) -> list[str]:
    """Scrolling pages (the editor's form) wider than their pane: the clerk would have to scroll sideways
    to read the end of a line, and the banner, fields and tables look cut off at the pane's right edge."""
    found = []
    for area in root.findChildren(QScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and area.widget() is not None and bar.isVisible() and bar.maximum() > 0:
            widest = max(
                (w for w in area.widget().findChildren(QWidget) if w.isVisible()),
                key=_least_width,
                default=area.widget(),
            )
            name = widest.accessibleName() or type(widest).__name__
            found.append(f"{area.accessibleName() or type(area).__name__} (breitestes: {name})")
    return found


def faults(window: Any, width: int, height: int) -> dict[str, list[str]]:
    """Everything wrong with ``window`` at ``width`` × ``height`` (logical pixels), per screen shown."""
    window.resize(width, height)
    result: dict[str, list[str]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        _settle(window)
        name = window.tabs.tabText(index)
        problems = [f"Fenster {window.width()}×{window.height()}"] if window.width() > width else []
        problems += clipped(window)
        problems += [f"Bildlauf im Bildlauf: {n}" for n in scrolling_inside_scrolling(window)]
        problems += [f"Seitlicher Bildlauf: {n}" for n in scrolling_sideways(window)]
        problems += [f"Spaltenkopf abgeschnitten: {n}" for n in cut_headers(window)]
        if problems:
            result[name] = problems
    return result


def _settle(window: QWidget) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(150)


def cut_headers(root: QWidget) -> list[str]:
    """Column titles shown narrower than their text („Berichterstatte“): a title that wraps needs room for
    its longest word, one that does not for all of it. Columns scrolled out of a table's view are not
    shown, so not counted."""
    found = []
    for header in root.findChildren(QHeaderView):
        model = header.model()
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal or model is None:
            continue
        wraps = bool(header.defaultAlignment() & Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        metrics = header.fontMetrics()
        for section in range(header.count()):
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            start, width = header.sectionViewportPosition(section), header.sectionSize(section)
            if header.isSectionHidden(section) or not text or start < 0 or start + width > header.width():
                continue
            needed = max(metrics.horizontalAdvance(part) for part in (text.split() if wraps else [text]))
            if width < needed + margin:
                table = header.parentWidget()
                where = (table.accessibleName() if table else "") or type(table).__name__
                found.append(f"{where}: „{text}“ ({width} von {needed + margin} px)")
    return found
