"""Keys, signatures and sealed boxes for the kiosk (PyNaCl/libsodium and the standard library, no Qt)."""
