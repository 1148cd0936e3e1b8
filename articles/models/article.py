"""The article, and what hangs on it alone: imported attachments, old addresses."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.html import clean_html, plain_text
from core.text import search_document, single_line

from ..bylines import public_byline
from ..images import make_renditions, rendition_url
from ..querysets import RECORD, UNIT, ArticleQuerySet
from ..slugs import SLUG_MAX_LENGTH, unique_slug
from .sources import Source
from .taxonomy import Category, Tag

# Far beyond any real article (a long feature is ~60,000 characters); stops a pasted dump.
BODY_MAX_LENGTH = 500_000


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        TRASH = "trash", _("Trash")

    # "Scheduled" is not stored: it is a published article whose time has not come, so it
    # becomes public at that second without any job having to run.
    SCHEDULED = "scheduled"
    STATE_LABELS = {**dict(Status.choices), SCHEDULED: _("Scheduled")}

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the title when left empty; Arabic letters are kept."),
    )
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    excerpt = models.TextField(_("excerpt"), max_length=1000, blank=True)
    body = models.TextField(
        _("body"),
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text=_("HTML; anything outside the allowed tags is removed when saved."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    previous_status = models.CharField(
        _("status before the trash"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        editable=False,
    )
    trashed_at = models.DateTimeField(_("moved to the trash"), null=True, editable=False)
    # Bumped by every save; a form that was opened on an older version cannot overwrite.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, help_text=_("Shown instead of the author's name.")
    )
    edited_at = models.DateTimeField(_("last updated"), null=True, blank=True, editable=False)
    correction = models.TextField(
        _("correction note"), blank=True, help_text=_("Shown at the end of the article.")
    )
    image = models.ImageField(
        _("featured image"), upload_to="articles/%Y/%m/", blank=True, max_length=300
    )
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    # Normalised words of title, excerpt and body for search (articles/search.py).
    search_text = models.TextField(default="", editable=False)
    # When the publishing side effects ran; empty while they are still due.
    went_live_at = models.DateTimeField(null=True, editable=False)
    published_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A time in the future keeps the article hidden until then."),
    )
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may comment, within the site's discussion settings."),
    )
    source = models.ForeignKey(
        Source,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("news source"),
    )
    original_published_at = models.DateTimeField(_("original publish time"), null=True, blank=True)
    show_attribution = models.BooleanField(
        _("show the lead-in line and the disclaimer"), default=True
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    # Where an imported article came from ("feed:<source>:<guid>", "wxr:<site>:<id>"): a
    # second import finds it instead of adding it again.
    external_id = models.CharField(max_length=500, blank=True, default="", editable=False)
    # The version the last import wrote; a higher one means an editor has changed it since.
    import_version = models.PositiveIntegerField(null=True, editable=False)
    original_url = models.URLField(
        _("original item URL"),
        max_length=1000,
        blank=True,
        help_text=_("The link shown as «news source» at the end of the article."),
    )
    recommended = models.ManyToManyField(
        "self",
        through="RecommendedStory",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("recommended stories"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version", "went_live_at", "updated_at", "search_text"],
        m2m_fields=["tags"],
        verbose_name=_("historical article"),
        # simple-history would prefix the plural with an English "historical".
        verbose_name_plural=_("historical articles"),
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("edit_others_articles", _("Can edit other people's articles")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_section_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_external_article",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every door (admin, import, command) goes through here, so the stored text is clean.
        self.derive_stored_fields()
        self.version += 1
        if not self.slug:
            self.slug = unique_slug(self.title, self._slug_taken)
        with transaction.atomic():
            self._keep_old_slug()
            super().save(*args, **kwargs)
        if self.image:
            make_renditions(self.image)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def derive_stored_fields(self):
        """Set the fields stored as derived from others: save() and the bulk writers (which
        write rows without save()) both call it."""
        self.title, self.body, self.search_text = self.stored_text(
            self.title, self.excerpt, self.body
        )

    @staticmethod
    def stored_text(title, excerpt, body):
        """(title, body, search text) as stored, from plain strings: derive_stored_fields uses
        it, and so does the WordPress importer's pool of processes, which has no instances."""
        title, body = single_line(title), clean_html(body)
        return title, body, search_document(title, excerpt, plain_text(body))

    def _slug_taken(self, slug):
        return (
            Article.objects.exclude(pk=self.pk).filter(slug=slug).exists()
            or SlugRedirect.objects.exclude(article_id=self.pk).filter(old_slug=slug).exists()
        )

    def _keep_old_slug(self):
        """A published article's old address keeps working: remember it for a 301."""
        if not self.pk:
            return
        old = Article.objects.filter(pk=self.pk).values("slug", "went_live_at").first()
        was_public = Article.objects.published().filter(pk=self.pk).exists()
        if old and old["slug"] != self.slug and (was_public or old["went_live_at"]):
            SlugRedirect.objects.update_or_create(old_slug=old["slug"], defaults={"article": self})

    @property
    def is_public(self):
        """The instance's answer to ArticleQuerySet.published(), which defines it."""
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def state(self):
        """The workflow state an editor sees: a stored status, or "scheduled"."""
        if self.status == self.Status.PUBLISHED and not self.is_public:
            return self.SCHEDULED
        return self.status

    @property
    def state_label(self):
        return self.STATE_LABELS[self.state]

    @property
    def byline_or_author(self):
        return public_byline(self) or ""

    @property
    def updated_after_publication(self):
        return bool(self.edited_at and self.edited_at > self.published_at)

    @property
    def tag_links(self):
        """(name, url) of each tag."""
        links = [
            (name, reverse("articles:tag", kwargs={"slug": slug}))
            for _pk, slug, name in self._tag_rows()
        ]
        return sorted(links)  # SQLite cannot order inside the aggregate

    @property
    def tag_ids(self):
        return [int(pk) for pk, _slug, _name in self._tag_rows()]

    def _tag_rows(self):
        """(pk, slug, name) of each tag, from the with_tag_list() annotation when present."""
        if not hasattr(self, "tag_list"):
            return [(tag.pk, tag.slug, tag.name) for tag in self.tags.all()]
        return [row.split(UNIT, 2) for row in (self.tag_list or "").split(RECORD) if row]

    @property
    def card_image_url(self):
        return rendition_url(self.image, "card") if self.image else ""

    @property
    def social_image_url(self):
        return rendition_url(self.image, "social") if self.image else ""

    def related_articles(self, limit=None):
        return Article.objects.related_to(self, limit)

    def recommended_stories(self):
        return Article.objects.recommended_for(self)


class Attachment(models.Model):
    """A file an imported site had (a WordPress attachment): recorded, not downloaded."""

    external_id = models.CharField(max_length=500, unique=True, editable=False)
    url = models.URLField(_("URL"), max_length=1000)
    title = models.CharField(_("title"), max_length=300, blank=True)
    article = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("article"),
    )

    class Meta:
        verbose_name = _("imported attachment")
        verbose_name_plural = _("imported attachments")

    def __str__(self):
        return self.title or self.url


class SlugRedirect(models.Model):
    """An address a published article had before its slug changed."""

    old_slug = models.SlugField(
        _("old slug"), max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True
    )
    article = models.ForeignKey(
        Article, models.CASCADE, related_name="old_slugs", verbose_name=_("article")
    )

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.old_slug
