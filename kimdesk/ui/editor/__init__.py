"""The Vorlage editor: sections in form order, undo, validation, autosave, preview."""
