"""Words of Django's admin and its libraries that their Arabic catalogues lack (Django 6.1).

Named here (gettext_noop; pgettext_lazy and ngettext_lazy where a context or a plural must be
named too) so that `make messages` keeps their Arabic in our catalogue (LOCALE_PATHS), which
Django consults before its own. The admin's templates and django-simple-history's ask for
them. The words of the admin's scripts are in core/locale/ar/LC_MESSAGES/djangojs.po.

Some words of the admin never pass through a catalogue: the alt text of its yes/no icons
(`str(True)`), the names of permissions (written in English into the database when they are
made), the rows of a many-to-many field's table ("Article_tags object (10)", listed when a
deletion takes them along) and a warning of the form that changes a user's password.
install(), called by CoreConfig.ready(), words them in the page's language.
"""

from django.templatetags.static import static
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop, ngettext_lazy, pgettext_lazy

ADMIN_WORDS = [
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    # The changelist's bulk actions: the button and the empty choice.
    gettext_noop("Run"),
    gettext_noop("- Select an option -"),
    # The date hierarchy's label; the lists of what a deletion takes with it.
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(", "),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of "
        "the following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop("No %s matches the given query."),
    # django.tasks.TaskResultStatus, in the context Django gives them.
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]

USABLE_PASSWORD = gettext_noop(
    "Whether the user will be able to authenticate using a password or not. If disabled, "
    "they may still be able to authenticate using other backends, such as Single Sign-On or "
    "LDAP."
)
# The admin's form that changes a user's password adds this warning in English, untranslated.
PASSWORD_LOST = gettext_noop("If disabled, the current password for this user will be lost.")

# Words the libraries' Arabic catalogues leave in Latin letters ("Control", "hash", "IP").
LATIN_IN_THEIR_ARABIC = [
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop("Invalid password format or unknown hashing algorithm."),
    USABLE_PASSWORD,
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
    ),
    gettext_noop("IP address"),
    # django-axes' sign-in attempts
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
]

HISTORY_WORDS = [
    # django-simple-history's list of revisions, and what it calls a deleted object.
    gettext_noop("Changes"),
    ngettext_lazy("entry", "entries", "counter"),
    gettext_noop("Deleted %(type_name)s"),
]

# Django names its default permissions "Can add <model>" in English, whatever the language.
PERMISSION_ACTIONS = {
    "add": gettext_noop("Can add %(model)s"),
    "change": gettext_noop("Can change %(model)s"),
    "delete": gettext_noop("Can delete %(model)s"),
    "view": gettext_noop("Can view %(model)s"),
}
LINKS = gettext_noop("links between %(models)s")
YES_NO = {True: gettext_noop("Yes"), False: gettext_noop("No"), None: gettext_noop("Unknown")}


def model_name(model):
    """The model's name for people; a table of links without one is named by what it links."""
    name = model._meta.verbose_name
    # simple-history's copy of a many-to-many field's table is named after its class.
    return links_name(model) if name == model.__name__ else name


def links_name(model):
    linked = [str(field.related_model._meta.verbose_name) for field in _links(model)]
    return gettext(LINKS) % {"models": gettext(", ").join(linked)}


def permission_name(permission):
    """Return the permission's name in the active language (its stored one when unknown)."""
    model = permission.content_type.model_class()
    if model is None:
        return permission.name
    action, _sep, codename_model = permission.codename.partition("_")
    if codename_model == model._meta.model_name and action in PERMISSION_ACTIONS:
        return gettext(PERMISSION_ACTIONS[action]) % {"model": model_name(model)}
    return str(dict(model._meta.permissions).get(permission.codename, permission.name))


def permission_label(permission):
    """Permission.__str__ in the active language: application | model | permission."""
    model = permission.content_type.model_class()
    if model is None:
        return f"{permission.content_type} | {permission.name}"
    application = model._meta.app_config.verbose_name
    return f"{application} | {model_name(model)} | {permission_name(permission)}"


def boolean_icon(value):
    """The admin's yes, no or unknown icon, its alt text a word of the page's language."""
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    url = static(f"admin/img/icon-{icon}.svg")
    return format_html('<img src="{}" alt="{}">', url, gettext(YES_NO[value]))


def usable_password_help():
    """The help of "password-based authentication" in the admin, its warning translated too."""
    return format_html(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        gettext(USABLE_PASSWORD),
        gettext(PASSWORD_LOST),
    )


def link_label(self):
    """A row of a many-to-many field's table: the two things it links."""
    return " – ".join(str(getattr(self, field.name)) for field in _links(type(self)))


def _links(model):
    return [field for field in model._meta.fields if field.many_to_one]


def install():
    """Word permissions, the yes/no icons and the rows of link tables in the page's language."""
    from django.apps import apps
    from django.contrib.admin.templatetags import admin_list
    from django.contrib.auth.forms import AdminPasswordChangeForm
    from django.contrib.auth.models import Permission

    # The admin imports _boolean_icon from admin_list inside the functions that draw one.
    admin_list._boolean_icon = boolean_icon
    Permission.__str__ = permission_label
    AdminPasswordChangeForm.usable_password_help_text = lazy(usable_password_help, str)()
    # A many-to-many field's own table: Django names it "article-tag relationship" from the
    # models' class names, and its rows "Article_tags object (10)". It is in no migration.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            name = lazy(links_name, str)(model)
            model._meta.verbose_name = model._meta.verbose_name_plural = name
            model.__str__ = link_label
