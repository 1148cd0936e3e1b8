import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from articles import attribution
from articles.ingest import import_document
from articles.models import Article, SiteSettings
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory
from tests.feeds import feed


def test_values_are_escaped_and_isolated_and_the_wording_escaped():
    html = attribution.render(
        "<b>{site}</b>: {title} {unknown}", {"site": "موقع", "title": "<script>x</script>"}
    )
    assert html == (
        "&lt;b&gt;<bdi>موقع</bdi>&lt;/b&gt;: <bdi>&lt;script&gt;x&lt;/script&gt;</bdi> {unknown}"
    )


def test_unknown_placeholders_are_refused_in_arabic():
    with pytest.raises(ValidationError) as error:
        attribution.validate_template("نص {title.__class__} و{foo}")
    assert "عنصر نائب غير معروف" in str(error.value)


@pytest.mark.django_db
def test_editors_can_change_the_wording_of_each_kind_and_pages_follow():
    settings = SiteSettings.current()
    settings.site_name = "موقعنا"
    settings.disclaimer_template = "منقول آليًا إلى {site} في قسم {section}: {title}"
    settings.cited_disclaimer_template = "كتبه {site} نقلاً عن {source}: {title}"
    settings.save()
    imported = ArticleFactory(title="خبر", external_id="feed:1:item-1")
    cited = ArticleFactory(title="تقرير", source=SourceFactory(name="وكالة الغد"))
    assert SiteSettings.current().disclaimer(imported) == (
        f"منقول آليًا إلى <bdi>موقعنا</bdi> في قسم <bdi>{imported.category.name}</bdi>: "
        "<bdi>خبر</bdi>"
    )
    assert SiteSettings.current().disclaimer(cited) == (
        "كتبه <bdi>موقعنا</bdi> نقلاً عن <bdi>وكالة الغد</bdi>: <bdi>تقرير</bdi>"
    )


@pytest.mark.django_db
def test_a_source_without_a_link_is_still_named_on_the_page(client):
    source = SourceFactory(name="وكالة بلا رابط")
    article = ArticleFactory(source=source, original_url="")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "مصدر الخبر: <bdi>وكالة بلا رابط</bdi>" in page


def attribution_of(client, article):
    """The lead-in and the disclaimer as the article's page shows them."""
    page = client.get(article.get_absolute_url()).content.decode()
    lead_in = re.search(r'<p class="lead-in">(.*?)</p>', page, re.DOTALL).group(1)
    disclaimer = re.search(r'<p class="disclaimer">(.*?)</p>', page, re.DOTALL).group(1)
    return lead_in, disclaimer


@pytest.mark.django_db
def test_a_story_the_feed_importer_copied_says_it_was_copied_automatically(client):
    section = CategoryFactory(name="العالم")
    source = SourceFactory(name="وكالة الأنباء", default_category=section, publish_directly=True)
    item = {"title": "افتتاح جسر جديد", "link": "https://agency.example/1", "guid": "1"}
    import_document(feed(item), source=source)
    article = Article.objects.get(source=source)

    lead_in, disclaimer = attribution_of(client, article)
    site = f"<bdi>{SiteSettings.current().site_name}</bdi>"
    title = "«<bdi>افتتاح جسر جديد</bdi>»"
    assert lead_in == f"{site} – متابعات <bdi>العالم</bdi>. نترككم مع خبر {title}"
    assert disclaimer.startswith(f"نشكركم على قراءة خبر {title} من {site}، ")
    assert "تم اقتباسه آليًا من مصدره الأساسي" in disclaimer and "نقلاً عن" not in disclaimer


@pytest.mark.django_db
def test_a_story_an_editor_wrote_with_a_source_cites_it_and_claims_no_automatic_copy(client):
    source = SourceFactory(name="وكالة الأنباء")
    article = ArticleFactory(title="حوار مع الوزير", source=source, category__name="سياسة")

    lead_in, disclaimer = attribution_of(client, article)
    site = f"<bdi>{SiteSettings.current().site_name}</bdi>"
    assert lead_in == f"{site} – متابعات <bdi>سياسة</bdi>، نقلاً عن <bdi>وكالة الأنباء</bdi>"
    assert disclaimer == (
        f"نشكركم على قراءة خبر «<bdi>حوار مع الوزير</bdi>» من {site}. "
        "أعدّ فريق التحرير هذا الخبر نقلاً عن <bdi>وكالة الأنباء</bdi>."
    )
    assert "آليًا" not in lead_in + disclaimer


@pytest.mark.django_db
@pytest.mark.parametrize("external_id", ["feed:1:item", ""], ids=["imported", "cited"])
def test_the_default_wording_uses_arabic_quotation_marks_and_no_stray_space(client, external_id):
    article = ArticleFactory(source=SourceFactory(), external_id=external_id)
    text = " ".join(attribution_of(client, article))
    assert "“" not in text and "”" not in text and "«<bdi>" in text
    assert not re.search(r"\s[.,،:؛»]|«\s|\s\s", re.sub(r"</?bdi>", "", text)), text


def test_stray_spaces_an_editor_typed_are_left_out_of_the_page():
    html = attribution.render(
        "{site}  . نترككم مع خبر « {title} »  ،  نقلاً عن\n{source} .",
        {"site": "موقع", "title": "خبر", "source": " وكالة "},
    )
    assert html == "<bdi>موقع</bdi>. نترككم مع خبر «<bdi>خبر</bdi>»، نقلاً عن <bdi>وكالة</bdi>."


@pytest.mark.django_db
def test_a_site_still_on_the_old_default_wording_gets_the_new_one_and_changed_wording_stays():
    migration = import_module("articles.migrations.0011_attribution_kinds")
    forward = migration.replace_defaults(
        migration.OLD_LEAD_IN, migration.OLD_DISCLAIMER, migration.LEAD_IN, migration.DISCLAIMER
    )
    SiteSettings.objects.update_or_create(
        pk=1,
        defaults={
            "lead_in_template": migration.OLD_LEAD_IN,
            "disclaimer_template": "عبارة كتبها المحرر عن {title}",
        },
    )
    forward(django_apps, None)
    settings = SiteSettings.objects.get()
    assert settings.lead_in_template == attribution.DEFAULT_LEAD_IN
    assert settings.disclaimer_template == "عبارة كتبها المحرر عن {title}"
    # The migration keeps its own copy of the wording; it must be the models' defaults.
    assert (migration.DISCLAIMER, migration.CITED_LEAD_IN, migration.CITED_DISCLAIMER) == (
        attribution.DEFAULT_DISCLAIMER,
        attribution.DEFAULT_CITED_LEAD_IN,
        attribution.DEFAULT_CITED_DISCLAIMER,
    )
