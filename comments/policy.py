"""The discussion rules as one pure function: a new comment in, a verdict and its reason out.

WordPress's order is kept (wp_allow_comment, then check_comment): trusted staff first, then
the disallowed list (spam), then manual approval, the link limit, the moderation list and the
earlier-approved-commenter rule. Unlike WordPress, words are matched after Arabic
normalisation, so «مـمـنـوع» (tatweel) or a diacritic does not slip past «ممنوع».
"""

import re
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import normalise_arabic

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class Status(TextChoices):
    """A comment's statuses, defined once: the model's (Comment.Status) and the verdicts'."""

    PENDING = "pending", gettext_lazy("Pending")
    APPROVED = "approved", gettext_lazy("Approved")
    SPAM = "spam", gettext_lazy("Spam")
    TRASH = "trash", gettext_lazy("Trash")


APPROVED, PENDING, SPAM = Status.APPROVED, Status.PENDING, Status.SPAM


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    url: str
    body: str
    ip: str = ""
    user_agent: str = ""

    def fields(self):
        return (self.name, self.email, self.url, self.body, self.ip, self.user_agent)


@dataclass(frozen=True)
class Rules:
    manual_approval: bool = False
    require_previous_approval: bool = True
    link_limit: int = 2
    moderation_words: tuple = ()
    disallowed_words: tuple = ()


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


def word_list(text):
    """One word or phrase a line, as editors type them in the settings."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def matching_word(words, submission):
    """Return the first listed word found in any field of the submission, or None."""
    haystacks = [normalise_arabic(field) for field in submission.fields() if field]
    for word in words:
        needle = normalise_arabic(word)
        if needle and any(needle in haystack for haystack in haystacks):
            return word
    return None


def decide(submission, rules, *, trusted=False, approved_before=False):
    if trusted:
        return Verdict(APPROVED, _("Approved: written by a moderator or editor."))
    word = matching_word(rules.disallowed_words, submission)
    if word:
        return Verdict(SPAM, _("Spam: contains the disallowed word «{word}».").format(word=word))
    if rules.manual_approval:
        return Verdict(PENDING, _("Held: every comment waits for approval."))
    links = len(LINK.findall(submission.body))
    if rules.link_limit and links >= rules.link_limit:
        return Verdict(
            PENDING,
            _("Held: contains {count} links and the limit is {limit}.").format(
                count=links, limit=rules.link_limit
            ),
        )
    word = matching_word(rules.moderation_words, submission)
    if word:
        return Verdict(
            PENDING, _("Held: contains «{word}» from the moderation list.").format(word=word)
        )
    if rules.require_previous_approval and not approved_before:
        return Verdict(PENDING, _("Held: the commenter has no earlier approved comment."))
    if rules.require_previous_approval:
        return Verdict(APPROVED, _("Approved: the commenter has an earlier approved comment."))
    return Verdict(APPROVED, _("Approved by the discussion rules."))
