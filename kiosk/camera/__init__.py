"""The kiosk's camera, Qt-free (docs/camera.md): the capture flow (flow.py), reading a passport's
machine-readable zone from frames (mrz_ocr.read_mrz, frame_check.assess_frame) and the table of
checks the Qt camera backend runs off the GUI thread (analysers.py).
"""
