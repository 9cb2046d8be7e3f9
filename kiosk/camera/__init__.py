"""Reading a passport's machine-readable zone from camera frames (Qt-free; see docs/camera.md).

Public API: `kiosk.camera.mrz_ocr.read_mrz` and `kiosk.camera.frame_check.assess_frame`.
"""
