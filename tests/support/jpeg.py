"""JPEG files as some webcams send them: without their Huffman tables (DHT segments)."""

from __future__ import annotations


def without_dht(jpeg: bytes) -> bytes:
    """The same JPEG with every DHT segment (marker 0xC4) before the scan dropped."""
    out, pos = bytearray(jpeg[:2]), 2
    while pos < len(jpeg):
        marker, length = jpeg[pos + 1], int.from_bytes(jpeg[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            return bytes(out + jpeg[pos:])
        if marker != 0xC4:
            out += jpeg[pos : pos + 2 + length]
        pos += 2 + length
    return bytes(out)
