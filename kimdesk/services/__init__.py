"""Use cases over the domain and the ports; no Qt, SQLAlchemy or ReportLab here."""
