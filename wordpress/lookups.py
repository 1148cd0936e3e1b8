"""Finding again, by their identities, what an earlier import or an editor made."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from articles.models import Source
from core.text import single_line

from .fields import TERM_MAX_LENGTH


def imported(model):
    """Rows that came from an import; the condition lets SQLite use the partial unique index."""
    return model.objects.exclude(external_id="")


def site_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""


def source_of_host(host):
    """A source whose homepage is on this host (www. or not), as an editor may have made it."""
    if not host:
        return None
    for source in Source.objects.filter(homepage__icontains=host).order_by("pk"):
        if (urlsplit(source.homepage).hostname or "").removeprefix("www.") == host:
            return source
    return None


def find_or_create_user(author, username):
    """(user, created): matched by e-mail, else by login; a new one cannot log in."""
    users = get_user_model().objects
    email = author.email.strip()
    user = users.filter(email__iexact=email).order_by("pk").first() if email else None
    user = user or users.filter(username=username).first()
    if user is not None:
        return user, False
    first, last = author.first_name[:150], author.last_name[:150]
    if not (first or last) and author.display_name != author.login:
        first = single_line(author.display_name)[:150]  # the name WordPress showed readers
    user = get_user_model()(
        username=username, email=email[:254], first_name=first, last_name=last, is_staff=False
    )
    user.set_unusable_password()
    user.save()
    return user, True


def free_name(model, name):
    """The name, or it with the first free " (N)": names are unique, WordPress's need not be."""
    candidate, number = name, 2
    while model.objects.filter(name=candidate).exists():
        suffix = f" ({number})"
        candidate = name[: TERM_MAX_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate
