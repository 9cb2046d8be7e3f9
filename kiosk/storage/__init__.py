"""The kiosk's local queue: SQLite through SQLAlchemy, WAL and synchronous=FULL."""
