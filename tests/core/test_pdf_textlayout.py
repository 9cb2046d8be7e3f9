"""The text layout under the printed form: a face per run, bidi order, shaping, lines that fit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import ShapedStr

from kiosk.languages import LANGUAGES
from kiosk.pdf.fonts import register_fonts
from kiosk.pdf.textlayout import Paragraph, faces, levels

register_fonts()


def visual(paragraph: Paragraph, width: float = 10_000) -> list[list[tuple[str, str]]]:
    """Per line, the runs in visual order as (face, logical text when plain, else 'shaped')."""
    return [
        [(g.face, "shaped" if isinstance(g.text, ShapedStr) else g.text) for g in line.runs]
        for line in paragraph.lines(width)
    ]


def test_latin_digits_and_brackets_inside_arabic_switch_face() -> None:
    text = "رقم الجواز (M12345678) صالح"
    used = faces(text, "ar")
    assert used[text.index("M")] == "KioskLatin"  # the Arabic face has no Latin letters
    assert used[0] == "KioskArabic" and used[-1] == "KioskArabic"
    (line,) = visual(Paragraph(text, "ar", 10))
    # Right to left: the last Arabic word is drawn first (leftmost), the first one last.
    assert line[0] == ("KioskArabic", "shaped") and line[-1] == ("KioskArabic", "shaped")
    assert ("KioskLatin", "M12345678") in line
    assert levels(text, True)[text.index("M")] == 2  # a left-to-right island in an RTL line


def test_latin_value_in_an_arabic_form_keeps_its_order() -> None:
    paragraph = Paragraph("Shekou Marine Tech Co., Ltd.", "ar", 10, auto=True)
    assert not paragraph.rtl
    assert visual(paragraph) == [[("KioskLatin", "Shekou Marine Tech Co., Ltd.")]]


def test_devanagari_is_shaped_and_latin_inside_it_switches_face() -> None:
    text = "अस्थायी निवास (MG Road) 12"
    (line,) = visual(Paragraph(text, "hi", 10))
    assert line[0] == ("KioskDevanagari", "shaped")
    assert any(face == "KioskLatin" and "MG" in run for face, run in line)
    (first,) = Paragraph("अस्थायी", "hi", 10).lines(1000)
    assert len(first.runs[0].text) < len("अस्थायी")  # the conjunct and the vowel sign: fewer glyphs


def test_cjk_wraps_between_characters_but_not_before_closing_punctuation() -> None:
    lines = Paragraph("深圳市南山区蛇口街道望海路12号，海景花园", "zh", 10).lines(60)
    texts = ["".join(str(g.text) for g in line.runs) for line in lines]
    assert len(texts) > 1 and not any(t.startswith("，") for t in texts)
    assert "".join(texts) == "深圳市南山区蛇口街道望海路12号，海景花园"


SAMPLES = st.sampled_from(
    ["MINJUN", "Ü", "深圳", "서울", "東京", "Москва", "شارع", "मार्ग", "(B-2)", "12", " ", "X" * 30, "، "]
)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(SAMPLES, min_size=1, max_size=40),
    lang=st.sampled_from(LANGUAGES),
    width=st.floats(min_value=20, max_value=300),
)
def test_no_line_is_wider_than_its_box_and_no_text_is_lost(words: list[str], lang: str, width: float) -> None:
    text = " ".join(" ".join(words).split())
    paragraph = Paragraph(text, lang, 9)
    lines = paragraph.lines(width)
    for line in lines:
        if len(line.runs) > 1 or (line.runs and len(line.runs[0].text) > 1):
            assert line.width <= width + 0.01
    plain = [g for line in lines for g in line.runs if not isinstance(g.text, ShapedStr)]
    assert all(str(g.text) in text for g in plain)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_glyphs_for_its_own_script(lang: str) -> None:
    from kiosk.i18n import translate

    text = translate(lang, "Page {page} of {pages}", page=1, pages=2)
    used = faces(text, lang)
    from kiosk.pdf.fonts import covers

    assert all(covers(face, char) for face, char in zip(used, text, strict=True) if not char.isspace())
