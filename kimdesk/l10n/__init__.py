"""Localisation: Babel formatting of dates and money, gettext catalogs."""
