"""One-row settings: the row pages show is the one editors change, and there is only ever one."""

import pytest
from django.forms.models import model_to_dict

from articles.models import SiteSettings
from comments.models import DiscussionSettings

pytestmark = pytest.mark.django_db


def test_a_row_saved_before_is_the_one_pages_show(client):
    # bulk_create skips save(), as rows written by migrations or older code did.
    SiteSettings.objects.bulk_create([SiteSettings(pk=1, site_name="صحيفة الغد")])
    assert "صحيفة الغد" in client.get("/").content.decode()
    assert SiteSettings.objects.count() == 1


def test_an_editor_renames_the_site_and_the_next_page_shows_it(client, editor):
    assert "صحيفة الغد" not in client.get("/").content.decode()  # the old name is now cached
    client.force_login(editor)
    data = {
        k: v for k, v in model_to_dict(SiteSettings.current()).items() if v not in (None, False)
    }
    data["site_name"] = "صحيفة الغد"
    response = client.post("/admin/articles/sitesettings/1/change/", data)
    assert response.status_code == 302
    client.logout()
    assert "صحيفة الغد" in client.get("/").content.decode()


def test_saving_another_instance_changes_the_one_row():
    DiscussionSettings.current()
    DiscussionSettings(per_page=7).save()
    assert list(DiscussionSettings.objects.values_list("pk", "per_page")) == [(1, 7)]
    assert DiscussionSettings.current().per_page == 7
