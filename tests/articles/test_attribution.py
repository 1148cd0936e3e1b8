import pytest
from django.core.exceptions import ValidationError

from articles import attribution
from articles.models import SiteSettings
from tests.factories import ArticleFactory


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
def test_editors_can_change_the_wording_and_pages_follow():
    settings = SiteSettings.current()
    settings.site_name = "موقعنا"
    settings.disclaimer_template = "نقلاً عن {site} في قسم {section}: {title}"
    settings.save()
    article = ArticleFactory(title="خبر")
    assert SiteSettings.current().disclaimer(article) == (
        f"نقلاً عن <bdi>موقعنا</bdi> في قسم <bdi>{article.category.name}</bdi>: <bdi>خبر</bdi>"
    )


@pytest.mark.django_db
def test_a_source_without_a_link_is_still_named_on_the_page(client):
    from tests.factories import SourceFactory

    source = SourceFactory(name="وكالة بلا رابط")
    article = ArticleFactory(source=source, original_url="")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "مصدر الخبر: <bdi>وكالة بلا رابط</bdi>" in page
