"""Words of Django's admin that its Arabic catalogue lacks (Django 6.1), completed in ours.

Named here with gettext_noop so that `make messages` keeps their Arabic in our catalogue
(LOCALE_PATHS), which Django consults before its own. The admin's templates ask for them.
"""

from django.utils.translation import gettext_noop

ADMIN_WORDS = [
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    # The changelist's bulk actions: the button and the empty choice.
    gettext_noop("Run"),
    gettext_noop("- Select an option -"),
]
