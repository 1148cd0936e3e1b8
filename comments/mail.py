"""The e-mails readers get about their comments, and the signed links in them.

Each message goes to one reader and carries no other address: not the replier's, not another
reader's, not a moderator's. Each has a one-click unsubscribe link, in its text and in the
List-Unsubscribe header (RFC 2369) with List-Unsubscribe-Post (RFC 8058), so that mail
programs can offer their own unsubscribe button.
"""

import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import SiteSettings
from core.text import single_line

from .models import Comment

CONFIRM_SALT = "comments.reply-emails.confirm"
UNSUBSCRIBE_SALT = "comments.reply-emails.unsubscribe"
# A week, as the e-mail and the expired link's page say; an unsubscribe link never expires.
CONFIRM_DAYS = 7
EXCERPT_LENGTH = 500
# Something that looks like an address, which a replier may have typed into their name or text:
# it is not passed on by e-mail, even to the one reader who gets the message.
ADDRESS = re.compile(r"[^\s@<>]+@[^\s@<>]+")


def _address_key(email):
    # Binds a link to the address it was sent to: if a moderator corrects the comment's
    # address, links mailed to the old one stop working.
    key = salted_hmac("comments.reply-emails.address", email, algorithm="sha256")
    return key.hexdigest()[:16]


def token(comment, salt):
    return signing.dumps([comment.pk, _address_key(comment.email)], salt=salt)


def comment_for(value, *, salt, max_age=None):
    """The comment a signed link was made for, or None: altered, expired or readdressed."""
    try:
        pk, key = signing.loads(value, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    comment = Comment.objects.select_related("article").filter(pk=pk).first()
    if comment is None or not comment.email:
        return None
    return comment if constant_time_compare(key, _address_key(comment.email)) else None


def confirm_url(comment):
    path = reverse("comments:reply-emails-confirm", args=[token(comment, CONFIRM_SALT)])
    return settings.NEWSROOM_SITE_URL + path


def unsubscribe_url(comment):
    path = reverse("comments:reply-emails-unsubscribe", args=[token(comment, UNSUBSCRIBE_SALT)])
    return settings.NEWSROOM_SITE_URL + path


def confirmation_message(comment):
    """The double opt-in: a link that turns on e-mails about replies to `comment`."""
    title = comment.article.title
    subject = _("Confirm e-mails about replies to your comment on «{title}»").format(title=title)
    body = _(
        "You asked to be e-mailed when someone replies to your comment on «{title}».\n\n"
        "To confirm, open this link within a week:\n{url}\n\n"
        "If you did not ask for this, ignore this e-mail: without your confirmation you "
        "will get no other."
    ).format(title=title, url=confirm_url(comment))
    return _message(comment, subject, body)


def reply_message(reply):
    """Tell the author of the comment `reply` answers that it is published, with its link."""
    parent, title = reply.parent, reply.article.title
    name = single_line(_without_addresses(reply.name))
    subject = _("{name} replied to your comment on «{title}»").format(name=name, title=title)
    body = _(
        "{name} replied to your comment on «{title}»:\n\n{excerpt}\n\n"
        "Read the reply and answer it:\n{url}"
    ).format(
        name=name,
        title=title,
        excerpt=_without_addresses(Truncator(reply.body).chars(EXCERPT_LENGTH)),
        url=settings.NEWSROOM_SITE_URL + reply.get_absolute_url(),
    )
    return _message(parent, subject, body)


def _without_addresses(text):
    return ADDRESS.sub("…", text)


def _message(comment, subject, body):
    """A message to the author of `comment` alone, with a one-click way to stop them all."""
    unsubscribe = unsubscribe_url(comment)
    footer = _(
        "You get this e-mail from {site} because you wrote a comment with this address. "
        "To get no more e-mails about replies, open:\n{url}"
    ).format(site=SiteSettings.current().site_name, url=unsubscribe)
    return EmailMessage(
        subject=single_line(subject),
        body=f"{body}\n\n-- \n{footer}\n",
        to=[comment.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
