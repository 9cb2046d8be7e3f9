"""Keys, signatures and sealed boxes for the kiosk (cryptography, no Qt)."""
