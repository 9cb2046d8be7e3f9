"""The languages the kiosk offers: one table that config, catalogs, speech, country names, PDF
fonts, the bundle's Babel data and the on-screen keyboard all read.

Plain data, no imports beyond the standard library: the cheapest module to load at start.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language. `espeak_voice` is an espeak-ng voice id (not an ISO code, checked on
    espeak-ng 1.51, Debian 12); `espeak_tags` and `sapi5_tags` are the language tags a voice is
    matched by when that id is missing (SAPI5 voice ids differ per Windows install)."""

    code: str
    native_name: str  # on the language buttons, in its own script
    babel_locale: str  # CLDR data: country and month names, dates
    keyboard_locale: str  # Qt Virtual Keyboard layout
    pdf_face: str = "KioskLatin"  # the first ReportLab face tried (kiosk.pdf.fonts.FACES)
    espeak_voice: str = ""
    espeak_tags: tuple[str, ...] = ()
    sapi5_tags: tuple[str, ...] = ()
    rtl: bool = False


TABLE: tuple[Language, ...] = (
    # espeak's reference English (British)
    Language(
        "en", "English", "en", "en_US", "KioskLatin", "gmw/en", ("en-gb", "en"), ("en-US", "en-GB", "en")
    ),
    # `sit/cmn` ("latin as English") on espeak-ng 1.51 reads the pinyin tone digits aloud in
    # English ("ni three hao three", espeak-ng issues #1028/#1044, fixed upstream in #1370); the
    # "latin as pinyin" variant speaks the same Mandarin rules without that bug.
    Language(
        "zh",
        "简体中文",
        "zh_Hans",
        "zh_CN",
        "KioskCJK",
        "sit/cmn-latn-pinyin",
        ("cmn-latn-pinyin", "cmn", "zh"),
        ("zh-CN", "zh"),
    ),
    Language("ko", "한국어", "ko", "ko_KR", "KioskCJK", "ko", ("ko",), ("ko-KR", "ko")),
    # espeak's Japanese reads kana only: kanji come out as "Chinese letter"
    Language("ja", "日本語", "ja", "ja_JP", "KioskCJK", "jpx/ja", ("ja",), ("ja-JP", "ja")),
    # roa/fr, not roa/fr-be, which a prefix search finds first
    Language("fr", "Français", "fr", "fr_FR", "KioskLatin", "roa/fr", ("fr-fr", "fr"), ("fr-FR", "fr")),
    # Spain; roa/es-419 is Latin American
    Language("es", "Español", "es", "es_ES", "KioskLatin", "roa/es", ("es",), ("es-ES", "es")),
    Language("de", "Deutsch", "de", "de_DE", "KioskLatin", "gmw/de", ("de",), ("de-DE", "de")),
    Language("ru", "Русский", "ru", "ru_RU", "KioskLatin", "zle/ru", ("ru",), ("ru-RU", "ru")),
    # espeak's Arabic needs diacritics (tashkeel) to voice short vowels
    Language("ar", "العربية", "ar", "ar_AR", "KioskArabic", "sem/ar", ("ar",), ("ar-SA", "ar"), rtl=True),
    Language("hi", "हिन्दी", "hi", "hi_IN", "KioskDevanagari", "inc/hi", ("hi",), ("hi-IN", "hi")),
)
# The pseudo-language, for catching layout problems (config accepts it; nothing speaks it).
PSEUDO = Language("qps", "[Pséüdö~~~]", "en", "en_US")

BY_CODE: dict[str, Language] = {lang.code: lang for lang in (*TABLE, PSEUDO)}
LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in TABLE)
DEV_LANGUAGES: tuple[str, ...] = (PSEUDO.code,)
NATIVE_NAMES: dict[str, str] = {code: lang.native_name for code, lang in BY_CODE.items()}
RTL_LANGUAGES = frozenset(code for code, lang in BY_CODE.items() if lang.rtl)
BABEL_LOCALES: dict[str, str] = {lang.code: lang.babel_locale for lang in TABLE}
DEFAULT_KEYBOARD = "en_US"


def babel_locale(code: str) -> str:
    """The CLDR locale for `code`; English for a code the table does not know."""
    return BABEL_LOCALES.get(code, "en")


def keyboard_locale(code: str) -> str:
    """The virtual keyboard's layout for `code`; the Latin one for a code the table does not know."""
    lang = BY_CODE.get(code)
    return lang.keyboard_locale if lang else DEFAULT_KEYBOARD


def pdf_face(code: str) -> str:
    lang = BY_CODE.get(code)
    return lang.pdf_face if lang else "KioskLatin"
