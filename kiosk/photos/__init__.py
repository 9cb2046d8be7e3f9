"""Photos of supporting documents and the portrait: decoding, JPEG, measured checks (no Qt)."""
