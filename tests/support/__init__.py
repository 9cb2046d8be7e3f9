"""Test and benchmark helpers that are not shipped with the kiosk."""
