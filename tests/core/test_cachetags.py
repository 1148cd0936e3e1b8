"""Fragments kept by cache tag: recomputed when a tag changes, never read in another shape."""

import pytest
from django.core.cache import cache

from core.cachetags import FRAGMENT, fragment, invalidate

# A fragment never outlives the next scheduled publication, which the database knows.
pytestmark = pytest.mark.django_db


def test_a_fragment_is_kept_until_one_of_its_tags_changes():
    computed = []

    def compute():
        computed.append(1)
        return f"نسخة {len(computed)}"

    assert fragment("block", ["home"], compute) == "نسخة 1"
    assert fragment("block", ["home"], compute) == "نسخة 1"
    invalidate("s:1")
    assert fragment("block", ["home"], compute) == "نسخة 1"  # another tag changed
    invalidate("home")
    assert fragment("block", ["home"], compute) == "نسخة 2"


def test_a_change_made_while_a_fragment_is_computed_leaves_it_stale():
    def compute_during_a_change():
        invalidate("home")
        return "قديم"

    assert fragment("block", ["home"], compute_during_a_change) == "قديم"
    assert fragment("block", ["home"], lambda: "جديد") == "جديد"


def test_a_value_kept_in_another_shape_by_an_older_release_is_computed_again():
    cache.set(FRAGMENT + "block", ("versions", "value"), 60)  # two parts, not three
    assert fragment("block", ["home"], lambda: "جديد") == "جديد"
