"""The settings dialog: one module per page, its tables as models over Qt-free rows."""
