"""The zone grid fitted from the ink: a line's cells moved to the text, its baseline, the page's rim."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from kiosk.camera import cells
from kiosk.camera.imaging import Gray, solid_dark

TEXT = "P<UTOERIKSSON<<ANNA<<<<<<"
PITCH = 20.0


def _line(text: str = TEXT) -> tuple[Gray, float, int]:
    """`text` in OCR-B on a fixed PITCH grid, as ink (strokes high): (ink, x of cell 0's centre, baseline)."""
    font = cells._font(round(PITCH / cells._metrics()[0]))  # type: ignore[index]
    assert font is not None, "fonts-ocr-b is a system package (Makefile SYSTEM_PACKAGES)"
    left, baseline = 3 * PITCH, 50
    image = Image.new("L", (round(left + (len(text) + 4) * PITCH), 80), 0)
    draw = ImageDraw.Draw(image)
    for k, char in enumerate(text):
        centre = left + (k + 0.5) * PITCH
        draw.text((centre - font.getlength(char) / 2, baseline), char, font=font, fill=255, anchor="ls")
    return np.asarray(image, dtype=np.float32) / 255.0, left + 0.5 * PITCH, baseline


@pytest.mark.parametrize("off", [-2, -1, 0, 1, 2])
def test_a_grid_cells_off_is_moved_onto_the_text(off: int) -> None:
    ink, x0, baseline = _line()
    moves = cells.fit_offsets(ink, PITCH, [(x0 + off * PITCH, baseline, len(TEXT))])
    assert moves == [-off]


def test_a_baseline_found_below_the_glyphs_is_raised_to_them() -> None:
    ink, x0, baseline = _line()
    assert abs(cells.fit_baseline(ink, PITCH, x0, len(TEXT), baseline + 6) - baseline) <= 1
    assert abs(cells.fit_baseline(ink, PITCH, x0, len(TEXT), baseline) - baseline) <= 1


def test_the_cells_read_the_text_once_placed() -> None:
    ink, x0, baseline = _line()
    ranked = cells.classify(ink, PITCH, [(x0, baseline, [cells.ZONE_CHARS] * len(TEXT))])
    assert ranked is not None
    assert "".join(c.best for c in ranked[0]) == TEXT


def test_a_dark_rim_is_not_text_but_strokes_are() -> None:
    flat = np.ones((60, 400), dtype=np.float32)
    flat[45:55, :] = 0.1  # the table seen along the page's edge
    for x in range(20, 380, 12):  # text: strokes 6 px wide with gaps between them
        flat[10:30, x : x + 6] = 0.1
    dark = solid_dark(flat, 40)
    assert dark[48:52, 10:390].all()
    assert not dark[10:30, 20:380].any()


def _cells(line: str, margin: float) -> list[cells.Cell]:
    return [cells.Cell([(0.9, c), (0.9 - margin, "N" if c == "M" else "M")]) for c in line]


def test_a_doubtful_letter_no_check_digit_covers_withholds_the_vote() -> None:
    from kiosk.camera.zone_read import _sure

    names = "P<UTODUPOMT<<JOHN" + "<" * 27
    body = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    sure = [_cells(names, 0.1), _cells(body, 0.1)]
    assert _sure([names, body], sure)
    doubtful_name = [_cells(names, 0.1), _cells(body, 0.1)]
    doubtful_name[0][9] = cells.Cell([(0.8, "M"), (0.798, "N")])  # DUPOMT or DUPONT: names have no check
    assert not _sure([names, body], doubtful_name)
    doubtful_number = [_cells(names, 0.1), _cells(body, 0.1)]
    doubtful_number[1][3] = cells.Cell([(0.8, "8"), (0.798, "B")])  # the document number's digit checks it
    assert _sure([names, body], doubtful_number)
    other_choice = [names.replace("DUPOMT", "DUPONT"), body]  # tesseract's N where the templates say M
    assert not _sure(other_choice, sure)


def test_a_cell_cut_by_the_frame_edge_is_unknown_not_a_guess() -> None:
    ink, x0, baseline = _line()
    cut = np.zeros(ink.shape, dtype=bool)
    cut[baseline - 4 :, round(x0 + 1.5 * PITCH) : round(x0 + 2.5 * PITCH)] = True  # cell 2's foot is lost
    ranked = cells.classify(ink, PITCH, [(x0, baseline, [cells.ZONE_CHARS] * len(TEXT))], cut=cut)
    assert ranked is not None
    read = "".join(c.best for c in ranked[0])
    assert read[2] == "?" and read[:2] + read[3:] == TEXT[:2] + TEXT[3:]
