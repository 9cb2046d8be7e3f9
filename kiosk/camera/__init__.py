"""The kiosk's camera: reading the passport zone, checking photos (Qt-free)."""
