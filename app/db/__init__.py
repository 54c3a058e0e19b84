"""Database access: engine and session factory (``engine``), ORM models (``models``)."""
