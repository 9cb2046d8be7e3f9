"""Self-service form kiosk: the Qt-free core (forms, sessions, storage, printing, QR) and its Qt adapter."""

__version__ = "0.1.0"
