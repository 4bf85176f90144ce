"""PDF rendering with ReportLab: fonts, styles, flowables, page templates, renderers."""

from kimdesk.pdf import _startup

_startup.prepare()
