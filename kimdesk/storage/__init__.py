"""Storage: SQLAlchemy engine, typed models, mapping, unit of work and Alembic migrations."""
