"""The discussion rules: each rule, each default, Arabic-normalised words, the reasons."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comments.models import DiscussionSettings
from comments.policy import Rules, Submission, decide, word_list
from core.text import normalise_arabic


def submit(body="تعليق عادي", name="سارة", email="sara@example.com", url="", ip="192.0.2.1"):
    return Submission(name, email, url, body, ip, "Mozilla/5.0")


@pytest.mark.django_db
def test_defaults_follow_wordpress():
    settings = DiscussionSettings.current()
    assert settings.rules() == Rules(
        manual_approval=False,
        require_previous_approval=True,
        link_limit=2,
        moderation_words=(),
        disallowed_words=(),
    )
    assert (settings.close_old_articles, settings.close_after_days) == (False, 14)
    assert (settings.thread_depth, settings.per_page) == (5, 50)


def test_a_first_comment_is_held_with_its_reason():
    verdict = decide(submit(), Rules())
    assert verdict.status == "pending"
    assert verdict.reason == "مُعلّق: ليس للمعلّق تعليق سابق موافق عليه."


def test_a_returning_approved_commenter_is_approved():
    verdict = decide(submit(), Rules(), approved_before=True)
    assert verdict.status == "approved"
    assert verdict.reason == "مقبول: للمعلّق تعليق سابق موافق عليه."


def test_without_the_earlier_approval_rule_comments_are_approved():
    assert decide(submit(), Rules(require_previous_approval=False)).status == "approved"


def test_manual_approval_holds_even_returning_commenters():
    verdict = decide(submit(), Rules(manual_approval=True), approved_before=True)
    assert (verdict.status, verdict.reason) == ("pending", "مُعلّق: كل تعليق ينتظر الموافقة.")


@pytest.mark.parametrize(
    "body, status",
    [
        ("رابط واحد https://example.org", "approved"),
        ("https://example.org و http://example.net", "pending"),
        ("www.example.org و HTTPS://EXAMPLE.NET و https://a.example", "pending"),
    ],
)
def test_two_or_more_links_hold_the_comment(body, status):
    assert decide(submit(body), Rules(), approved_before=True).status == status


def test_the_link_reason_names_count_and_limit():
    verdict = decide(
        submit("https://a.example https://b.example https://c.example"),
        Rules(),
        approved_before=True,
    )
    assert verdict.reason == "مُعلّق: يحتوي على 3 روابط والحد 2"


def test_a_link_limit_of_zero_turns_the_rule_off():
    body = "https://a.example https://b.example https://c.example"
    assert decide(submit(body), Rules(link_limit=0), approved_before=True).status == "approved"


@pytest.mark.parametrize(
    "field",
    [
        {"body": "هذا مـمـنـوع تماماً"},  # tatweel
        {"body": "هذا مَمْنُوعٌ"},  # diacritics
        {"name": "ممنوع الاسم"},
        {"email": "mamnoo@example.com", "body": "نص"},
        {"url": "https://ممنوع.example"},
    ],
)
def test_moderation_words_match_every_field_after_arabic_normalisation(field):
    rules = Rules(moderation_words=("ممنوع", "mamnoo"))
    verdict = decide(submit(**field), rules, approved_before=True)
    assert verdict.status == "pending"
    assert "من قائمة المراجعة" in verdict.reason


@pytest.mark.parametrize(
    "word, text",
    [
        ("مدرسة", "المدرسه"),
        ("أحمد", "احمد"),
        ("إعلان", "اعلان"),
        ("مستشفى", "مستشفي"),
        ("CASINO", "best casino"),
    ],
)
def test_disallowed_words_send_to_spam_whatever_the_letter_forms(word, text):
    verdict = decide(submit(text), Rules(disallowed_words=(word,)), trusted=False)
    assert verdict.status == "spam"
    assert verdict.reason == f"مزعج: يحتوي على الكلمة المحظورة «{word}»."


def test_disallowed_words_match_the_ip_address():
    rules = Rules(disallowed_words=("203.0.113.",))
    assert decide(submit(ip="203.0.113.7"), rules).status == "spam"


def test_disallowed_wins_over_everything_but_staff():
    rules = Rules(disallowed_words=("سبام",))
    assert decide(submit("سبام"), rules, approved_before=True).status == "spam"
    assert decide(submit("سبام"), rules, trusted=True).status == "approved"


def test_staff_are_approved_directly():
    verdict = decide(
        submit("https://a.example https://b.example"), Rules(manual_approval=True), trusted=True
    )
    assert verdict.status == "approved"
    assert verdict.reason == "مقبول: كتبه مشرف أو محرر."


def test_word_lists_are_one_entry_a_line():
    assert word_list(" ممنوع \n\n  كلمة أخرى\n") == ("ممنوع", "كلمة أخرى")


@given(st.text(min_size=1), st.text())
def test_a_listed_word_is_always_found_inside_the_body(word, around):
    if not normalise_arabic(word).strip():
        return
    verdict = decide(submit(around + word + around), Rules(disallowed_words=(word,)))
    assert verdict.status == "spam"
