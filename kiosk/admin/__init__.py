"""Staff administration on the kiosk (Qt-free): the PIN, its lockout, and the admin actions."""
