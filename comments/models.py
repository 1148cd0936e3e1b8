from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from core.html import plain_text_to_html
from core.singleton import SingletonModel

from . import policy
from .querysets import CommentQuerySet

# WordPress's limits (wp_get_comment_fields_max_lengths), so imported comments always fit.
NAME_MAX_LENGTH = 245
EMAIL_MAX_LENGTH = 100
URL_MAX_LENGTH = 200
BODY_MAX_LENGTH = 65525
WEB_SCHEMES = ["http", "https"]


class Comment(models.Model):
    Status = policy.Status

    class ReplyEmails(models.TextChoices):
        """The commenter's wish to hear of replies: asked for, confirmed by the link we sent
        (double opt-in), or stopped by the unsubscribe link."""

        NONE = "", _("Not asked for")
        ASKED = "asked", _("Awaiting confirmation")
        ON = "on", _("Confirmed")
        OFF = "off", _("Unsubscribed")

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        TRACKBACK = "trackback", _("Trackback")

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The first comment of the thread: a page of threads loads its replies in one query.
    root = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="+", editable=False
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # Required of readers by the form; imported comments (WordPress) may have none.
    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH, blank=True)
    url = models.URLField(
        _("website"),
        max_length=URL_MAX_LENGTH,
        blank=True,
        validators=[URLValidator(schemes=WEB_SCHEMES)],
    )
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    # Made once from the plain-text body on save: escaped, links made clickable.
    body_html = models.TextField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    previous_status = models.CharField(
        _("previous status"), max_length=10, choices=Status.choices, blank=True, editable=False
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("user"),
    )
    # For moderation only; never shown on a public page.
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENT, editable=False
    )
    # Where an imported comment came from ("wxr:<site>:<id>"), so a second import skips it.
    external_id = models.CharField(max_length=500, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    # A reply written by a moderator or editor: approved, and marked as the newsroom's.
    from_staff = models.BooleanField(_("from the editorial team"), default=False, editable=False)
    # The reader's own words, kept the first time a moderator edits the comment.
    original_body = models.TextField(_("original text"), blank=True, editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    reply_emails = models.CharField(
        _("e-mail me replies"),
        max_length=5,
        choices=ReplyEmails.choices,
        default=ReplyEmails.NONE,
        blank=True,
        editable=False,
    )
    # The answered commenter was e-mailed about this reply: approved, held and approved again,
    # a reply is still announced once (comments.tasks.notify_reply).
    reply_notified = models.BooleanField(default=False, editable=False)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("moderated by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["ip", "created_at"], name="comment_ip_idx"),
            models.Index(fields=["email", "created_at"], name="comment_email_idx"),
            # The queue shows how many of each author's comments were approved or spam.
            models.Index(fields=["email", "status"], name="comment_author_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_external_comment",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:50]}"

    def save(self, *args, **kwargs):
        self.derive_stored_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    def derive_stored_fields(self):
        """Set the fields stored as derived from others (the email as compared, the body's
        HTML, the thread's root and depth): save() and the bulk writers both call it. A reply
        needs its parent written first."""
        self.email = self.normalise_email(self.email)
        self.body_html = self.body_to_html(self.body)
        if self.parent_id and not self.root_id:
            self.root_id = self.parent.root_id or self.parent_id
            self.depth = self.parent.depth + 1

    @staticmethod
    def normalise_email(email):
        """The email as stored and compared: one commenter, however they type it."""
        return (email or "").strip().lower()

    @staticmethod
    def body_to_html(body):
        """The plain-text body as shown: escaped, links made clickable, line breaks kept."""
        return plain_text_to_html(body)

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class CommentReport(models.Model):
    """A reader's report of a comment («إبلاغ»): one per reader and comment."""

    comment = models.ForeignKey(
        Comment, models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    # A keyed hash of the reader's address: enough to count readers, never the address.
    reader = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.created_at:%Y-%m-%d %H:%M}"


class DiscussionSettings(SingletonModel):
    """One row: the discussion rules editors set in the admin (WordPress's defaults)."""

    CACHE_KEY = "comments:discussion-settings"

    close_old_articles = models.BooleanField(_("close comments on old articles"), default=False)
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"), default=14
    )
    manual_approval = models.BooleanField(
        _("every comment must be approved by a moderator"), default=False
    )
    require_previous_approval = models.BooleanField(
        _("the commenter must have an earlier approved comment"),
        default=True,
        help_text=_("Otherwise the comment waits for approval."),
    )
    link_limit = models.PositiveSmallIntegerField(
        _("hold a comment with this many links or more"),
        default=2,
        help_text=_("0 turns the rule off."),
    )
    moderation_words = models.TextField(
        _("moderation words"),
        blank=True,
        help_text=_(
            "One word, name, address, IP or phrase a line; a comment containing one is held. "
            "Matched ignoring case, tatweel, diacritics and alef, yaa and taa marbuta forms."
        ),
    )
    disallowed_words = models.TextField(
        _("disallowed words"),
        blank=True,
        help_text=_("Same format; a comment containing one goes to spam."),
    )
    reports_to_hold = models.PositiveSmallIntegerField(
        _("hold an approved comment after this many reports"),
        default=3,
        help_text=_("Reports from different readers; 0 turns reporting off."),
    )
    thread_depth = models.PositiveSmallIntegerField(_("threading depth"), default=5)
    per_page = models.PositiveSmallIntegerField(_("threads per page"), default=50)

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def rules(self):
        return policy.Rules(
            manual_approval=self.manual_approval,
            require_previous_approval=self.require_previous_approval,
            link_limit=self.link_limit,
            moderation_words=policy.word_list(self.moderation_words),
            disallowed_words=policy.word_list(self.disallowed_words),
        )

    def accepts_comments(self, article, now=None):
        """Open when the article allows comments and, if old ones close, it is recent enough."""
        if not article.comments_open:
            return False
        if not self.close_old_articles:
            return True
        age = (now or timezone.now()) - article.published_at
        return age.days < self.close_after_days
