"""Lay out one paragraph of mixed-script text: a face per run, bidi levels, HarfBuzz shaping, wrapping.

ReportLab neither reorders right-to-left text nor picks a face per character, and the Arabic and
Devanagari Noto faces have no Latin letters. So each character gets the first face of the
language's chain that has its glyph (neutrals stay in their neighbour's face); the paragraph gets
Unicode bidi levels (python-bidi's pure-Python algorithm); lines are wrapped in logical order;
then each line's runs are put in visual order (rule L2) and Arabic, Devanagari and right-to-left
runs are shaped with HarfBuzz (joining, conjuncts, mirrored brackets).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import uharfbuzz
from bidi import algorithm as uba
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.canvas import Canvas

from kiosk.pdf.fonts import BOLD, COMPLEX, chain_for, covers

_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"  # CJK and Hangul: a break after each
_NO_LINE_START = set("，。、：；！？）」』】〕〉》,.;:!?)]}%")
# Break opportunities: runs of spaces, each wide character, other words up to a space, a wide
# character or the end, or just after "-" or "/".
_ATOM = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+?(?:[-/]|(?=\s|[{_WIDE}]|$))")


@dataclass(frozen=True)
class Glyphs:
    """One run ready to draw: its face, text (a ShapedStr when shaped) and width in points."""

    face: str
    text: str
    width: float


@dataclass(frozen=True)
class Line:
    runs: tuple[Glyphs, ...]
    width: float


def base_is_rtl(text: str, lang_rtl: bool) -> bool:
    """Rules P2/P3: the first strong character decides; no strong character → the language's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return lang_rtl


P = ParamSpec("P")
T = TypeVar("T")
# One document's memo of faces, levels and shaped runs (see `document_layout`); None outside one.
_memo: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("kiosk_pdf_layout_memo", default=None)


@contextmanager
def document_layout() -> Iterator[None]:
    """Lay out one document with a memo of faces, bidi levels and shaped runs, dropped when it ends.

    Within a document the same runs come back again and again (a table asks each cell its height
    several times; line breaking measures every prefix of a paragraph), so the memo saves most of
    the shaping. It does not outlive the document: a module-wide cache kept the runs of the last
    thousands of PDFs — a visitor's name, passport number and birth date among them — in the
    kiosk's memory after their sessions ended, and grew the process by up to ~6 MB of Arabic and
    Hindi glyph data (benchmarks/bench_memory.py). Starting every document from nothing costs
    5-20 ms a form (docs/operations.md). Per thread and task: a ContextVar."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _per_document(fn: Callable[P, T]) -> Callable[P, T]:
    """`fn` memoized in the current `document_layout`, computed afresh outside one."""

    @functools.wraps(fn)
    def memoized(*args: P.args, **kwargs: P.kwargs) -> T:
        memo = _memo.get()
        if memo is None:
            return fn(*args, **kwargs)
        key = (fn, args, tuple(kwargs.items()))
        try:
            found: T = memo[key]
        except KeyError:
            found = memo[key] = fn(*args, **kwargs)
        return found

    return memoized


@_per_document
def faces(text: str, lang: str, bold: bool = False) -> tuple[str, ...]:
    """The face of every character: the first of the chain with its glyph; marks and neutrals
    stay with the previous character's face when it has them (one shaping run per word)."""
    chain = chain_for(lang)
    out: list[str] = []
    for char in text:
        prev = out[-1] if out else None
        cat = unicodedata.category(char)
        sticky = cat[0] in "MZPNS" or char.isspace()
        if prev is not None and sticky and covers(prev, char):
            out.append(prev)
            continue
        out.append(next((f for f in chain if covers(f, char)), chain[0]))
    # a leading neutral takes the face of the first letter after it, when that face has it
    first = next((i for i, c in enumerate(text) if unicodedata.category(c)[0] == "L"), None)
    if first is not None:
        for i in range(first):
            if covers(out[first], text[i]):
                out[i] = out[first]
    return tuple(BOLD.get(f, f) for f in out) if bold else tuple(out)


@_per_document
def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """Resolved embedding levels (rules X1-I2) of a paragraph with base direction `rtl`."""
    if not rtl and not _RTL_CHAR.search(text):
        return (0,) * len(text)
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return tuple(int(ch["level"]) for ch in storage["chars"])


@_per_document
def shape(text: str, face: str, size: float, rtl: bool) -> Glyphs:
    """A run as drawn: HarfBuzz-shaped for complex faces and right-to-left runs, else plain."""
    if face not in COMPLEX and not rtl:
        return Glyphs(face, text, pdfmetrics.stringWidth(text, face, size))
    font = pdfmetrics.getFont(face)
    hb_font = font.hbFont(size)
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(hb_font, buf, {"kern": True, "liga": True})
    chars: list[str] = []
    data: list[ShapeData] = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = info.codepoint
        try:
            code = font.face.glyphToChar[gid][0]
        except (KeyError, IndexError):  # a ligature or conjunct: ReportLab maps it privately
            code = font.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
        data.append(ShapeData(info.cluster, font.pdfScale(pos.x_advance), font.pdfScale(pos.y_advance),
                              font.pdfScale(pos.x_offset), font.pdfScale(pos.y_offset),
                              font.face.charWidths[code]))  # fmt: skip
        chars.append(chr(code))
    width = sum(d.x_advance for d in data) * size / 1000
    return Glyphs(face, ShapedStr("".join(chars), shapeData=data), width)


class Paragraph:
    """One piece of text in one language, ready to wrap at any width and draw line by line."""

    def __init__(self, text: str, lang: str, size: float, bold: bool = False, auto: bool = False,
                 rtl: bool | None = None) -> None:  # fmt: skip
        self.text = "\n".join(" ".join(part.split()) for part in text.split("\n"))
        self.size = size
        lang_rtl = lang == "ar"
        # The first strong character decides (P2), so that an untranslated English message or a
        # Latin value in an Arabic form keeps its punctuation in place; `auto` is kept for callers.
        self.rtl = base_is_rtl(self.text, lang_rtl) if rtl is None else rtl
        self.auto = auto
        self.faces = faces(self.text, lang, bold)
        self.levels = levels(self.text, self.rtl)

    def _width(self, start: int, end: int) -> float:
        return sum(g.width for g in self._runs(start, end, visual=False))

    def _runs(self, start: int, end: int, visual: bool = True) -> list[Glyphs]:
        spans: list[tuple[int, int, str, int]] = []
        for i in range(start, end):
            face, level = self.faces[i], self.levels[i]
            if spans and spans[-1][2] == face and spans[-1][3] == level:
                spans[-1] = (spans[-1][0], i + 1, face, level)
            else:
                spans.append((i, i + 1, face, level))
        if visual and spans:  # rule L2: reverse every sequence at or above each odd level
            top = max(s[3] for s in spans)
            low = min(s[3] for s in spans if s[3] % 2) if any(s[3] % 2 for s in spans) else top + 1
            for level in range(top, low - 1, -1):
                i = 0
                while i < len(spans):
                    if spans[i][3] >= level:
                        j = i
                        while j < len(spans) and spans[j][3] >= level:
                            j += 1
                        spans[i:j] = spans[i:j][::-1]
                        i = j
                    else:
                        i += 1
        return [shape(self.text[a:b], face, self.size, level % 2 == 1) for a, b, face, level in spans]

    def lines(self, width: float) -> list[Line]:
        """Greedy wrapping in logical order; a word wider than `width` is cut between clusters."""
        out: list[Line] = []
        for start, end in self._breaks(width):
            while end > start and self.text[end - 1].isspace():
                end -= 1
            while start < end and self.text[start].isspace():
                start += 1
            runs = tuple(self._runs(start, end))
            out.append(Line(runs, sum(r.width for r in runs)))
        return out or [Line((), 0.0)]

    def _breaks(self, width: float) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for chunk in self._hard_lines():
            start, used = chunk[0], 0.0
            for a, b in self._atoms_in(*chunk):
                w = self._width(a, b)
                if self.text[a:b].isspace():
                    used += w
                    continue
                if used + w > width and a > start:
                    spans.append((start, a))
                    start, used = a, 0.0
                while w > width and b - a > 1:  # too long for any line: cut it
                    cut = self._fit(a, b, width)
                    spans.append((start, cut))
                    start = a = cut
                    w = self._width(a, b)
                used = self._width(start, b)
            spans.append((start, chunk[1]))
        return spans

    def _hard_lines(self) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in re.finditer("\n", self.text):
            out.append((start, m.start()))
            start = m.end()
        out.append((start, len(self.text)))
        return out

    def _atoms_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(a + start, b + start) for a, b in Paragraph._split(self.text[start:end])]

    @staticmethod
    def _split(text: str) -> list[tuple[int, int]]:
        atoms: list[tuple[int, int]] = []
        for m in _ATOM.finditer(text):
            a, b = m.span()
            if atoms and text[a] in _NO_LINE_START:
                atoms[-1] = (atoms[-1][0], b)
            else:
                atoms.append((a, b))
        return atoms

    def _fit(self, a: int, b: int, width: float) -> int:
        """The last cluster boundary in (a, b) whose prefix fits `width` (at least one cluster)."""
        best = a + 1
        for cut in range(a + 1, b):
            if unicodedata.category(self.text[cut])[0] == "M" or self.text[cut - 1] == "\u094d":
                continue  # never split a mark from its base, nor after a virama
            if self._width(a, cut) > width:
                break
            best = cut
        return best


def draw_line(canvas: Canvas, line: Line, x: float, y: float, size: float, color: object = None) -> None:
    """Draw a laid-out line with its left edge at `x` and baseline at `y`."""
    for glyphs in line.runs:
        canvas.setFont(glyphs.face, size)
        canvas.drawString(x, y, glyphs.text)
        x += glyphs.width
