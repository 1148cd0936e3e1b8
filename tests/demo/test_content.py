import copy
import re

import pytest

from demo import content


@pytest.fixture
def data():
    return copy.deepcopy(content.load())


def test_the_shipped_data_file_loads_and_its_references_hold(data):
    assert data["site_name"] == "غرفة الأخبار"
    assert len(data["articles"]) == 15
    assert sum(len(row.get("comments", [])) for row in data["articles"]) == 5


def test_a_line_ending_backslash_joins_body_blocks_without_a_line_break(data):
    school = next(row for row in data["articles"] if row["slug"].startswith("المدرسة-الجديدة"))
    assert "\n" not in school["body"] and "\\" not in school["body"]
    assert school["body"].startswith("<p>") and "</p><p>" in school["body"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["articles"][0].update(section="سياسة"), "no such section: سياسة"),
        (lambda d: d["articles"][0].update(source="وكالة مجهولة"), "no such source"),
        (lambda d: d["articles"][0]["tags"].append("مجهول"), "no such tag: مجهول"),
        (lambda d: d["articles"][1]["recommended"].append("لا-يوجد"), "no such recommended"),
        (lambda d: d["articles"][0].update(sectoin="اقتصاد"), "unknown ['sectoin']"),
        (lambda d: d["tags"][0].pop("slug"), "tags النقل العام: missing ['slug']"),
        (lambda d: d.pop("tags"), "the file: missing ['tags']"),
        (lambda d: d["articles"][0]["comments"][0].update(status="spam"), "no such comment status"),
        (lambda d: d["articles"][0]["comments"][0].update(reply_to="منى"), "no such reply_to: منى"),
    ],
)
def test_a_mistake_in_the_data_file_is_refused_with_where_it_is(data, change, message):
    change(data)
    with pytest.raises(content.ContentError, match=re.escape(message)):
        content.check(data)
