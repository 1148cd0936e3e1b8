from hypothesis import given
from hypothesis import strategies as st

from core.text import (
    has_forbidden_controls,
    latin_runs,
    normalise_arabic,
    single_line,
    strip_controls,
)


def test_single_line_removes_stray_line_breaks_and_surrounding_space():
    assert single_line("  تحليل: هجمات\nداعش\r\n ") == "تحليل: هجمات داعش"


def test_strip_controls_removes_nul_and_bidi_overrides_but_keeps_line_breaks():
    assert strip_controls("أ\x00ب\u202eج\u2066د\nه\tو") == "أبجد\nه\tو"


def test_forbidden_controls_are_detected():
    assert has_forbidden_controls("اسم\u202e")
    assert has_forbidden_controls("a\x00b")
    assert not has_forbidden_controls("سطر\nآخر")


def test_normalise_folds_alef_forms_taa_marbuta_alef_maqsura_tatweel_and_diacritics():
    assert normalise_arabic("مـمـنـوع") == normalise_arabic("ممنوع")
    assert normalise_arabic("أإآٱ") == "اااا"
    assert normalise_arabic("مدرسة") == normalise_arabic("مدرسه")
    assert normalise_arabic("مستشفى") == normalise_arabic("مستشفي")
    assert normalise_arabic("مَدْرَسَةٌ") == normalise_arabic("مدرسة")
    assert normalise_arabic("SPAM") == "spam"


def test_latin_runs_keep_their_brackets():
    parts = list(latin_runs("هيئة تحرير الشام [Hayat Tahrir al-Sham]وقال"))
    assert parts == [
        ("هيئة تحرير الشام ", False),
        ("[Hayat Tahrir al-Sham]", True),
        ("وقال", False),
    ]


def test_latin_runs_without_brackets_and_with_inner_punctuation():
    parts = [segment for segment, latin in latin_runs("شركة Century International، التي") if latin]
    assert parts == ["Century International"]


@given(st.text())
def test_latin_runs_lose_nothing(value):
    assert "".join(segment for segment, _ in latin_runs(value)) == value


@given(st.text())
def test_cleaned_text_has_no_forbidden_controls(value):
    assert not has_forbidden_controls(strip_controls(value))
    assert "\n" not in single_line(value)
