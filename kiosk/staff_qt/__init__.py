"""The `kiosk staff` desktop window (Qt Widgets) over the Qt-free core in kiosk.staff."""
