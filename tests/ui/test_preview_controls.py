"""Issue 17 item 8: the preview zooms (fit width, fit page, 50–200 %) and pages back and forth."""

from __future__ import annotations

from typing import Any

from PySide6.QtPdfWidgets import QPdfView

from tests.demo_data import demo_id

SEED = demo_id("paper:20/0270")


def test_zoom_steps_and_page_navigation(window: Any, qtbot: Any) -> None:
    page = window.open_paper(SEED)
    preview = page.preview
    preview.schedule(page.editor.paper(), immediately=True)
    qtbot.waitUntil(lambda: preview.shown_generation == preview.generation, timeout=20000)
    controls = preview.controls
    pages = preview.document.pageCount()
    assert pages >= 2
    assert controls.of_pages.text() == f"von {pages}"
    assert controls.page_box.value() == 1 and not controls.previous.isEnabled()

    controls.next.click()
    qtbot.waitUntil(lambda: controls.page() == 1)
    assert controls.page_box.value() == 2 and controls.previous.isEnabled()
    controls.page_box.setValue(pages)
    qtbot.waitUntil(lambda: controls.page() == pages - 1)
    assert not controls.next.isEnabled()

    controls.zoom.setCurrentIndex(controls.zoom.findText("200 %"))
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom and controls.percent() == 200
    controls.smaller.click()
    assert controls.percent() == 150 and controls.zoom.currentText() == "150 %"
    controls.zoom.setCurrentIndex(controls.zoom.findText("50 %"))
    controls.smaller.click()  # the smallest step stays
    assert controls.percent() == 50
    controls.zoom.setCurrentIndex(controls.zoom.findText("Ganze Seite"))
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitInView
    controls.zoom.setCurrentIndex(controls.zoom.findText("Seitenbreite"))
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
