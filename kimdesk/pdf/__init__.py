"""PDF rendering with ReportLab: fonts, styles, flowables, page templates, renderers."""
