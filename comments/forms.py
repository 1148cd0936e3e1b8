import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout, Submit
from django import forms
from django.core import signing
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import has_forbidden_controls, single_line, strip_controls

from .models import BODY_MAX_LENGTH, EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, URL_MAX_LENGTH

# A person needs more than 3 seconds to write a comment; a form older than 2 hours is stale.
MIN_SECONDS = 3
MAX_SECONDS = 2 * 60 * 60
SIGNING_SALT = "comments.form.issued"
UNFILLED_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="">'


def issue_token(head_start=0):
    return signing.dumps(time.time() - head_start, salt=SIGNING_SALT)


class IssuedInput(forms.HiddenInput):
    """A hidden signed timestamp; always freshly issued, also when a form is shown again."""

    head_start = 0

    def format_value(self, value):
        return issue_token(self.head_start)


class PlainTextField(forms.CharField):
    """Text whose control and bidi-override characters are stripped rather than refused."""

    def to_python(self, value):
        return strip_controls(super().to_python(value)).strip()


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(label=_("Email"), max_length=EMAIL_MAX_LENGTH)
    url = forms.URLField(
        label=_("Website"),
        max_length=URL_MAX_LENGTH,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    body = PlainTextField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    reply_emails = forms.BooleanField(
        label=_("E-mail me replies to my comment (we send a link to confirm first)."),
        required=False,
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    issued = forms.CharField(widget=IssuedInput)
    # A honeypot: hidden from people, filled in by bots that fill in every field.
    address = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(dir="auto", autocomplete="name")
        self.fields["email"].widget.attrs.update(
            dir="ltr", autocomplete="email", **{"aria-describedby": "email-notes"}
        )
        self.fields["url"].widget.attrs.update(dir="ltr", autocomplete="url")
        self.fields["address"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if self.is_bound:
            self.fields["issued"].widget.head_start = MIN_SECONDS
        self.helper = self._helper(action)

    def _helper(self, action):
        helper = FormHelper()
        helper.form_action = action
        helper.form_id = "commentform"
        helper.attrs = {"data-token-url": reverse("comments:form-token")}
        # The blank form is on pages shared from the cache: it holds no CSRF token, since
        # comments.origin checks where a post comes from instead; static/js/comment-form.js
        # fetches one for the browsers that do not say, with a fresh signed timestamp. A form
        # shown again after a refusal is this reader's page, never shared: it carries its own
        # token, and its timestamp counts as MIN_SECONDS old, since the reader wrote the text
        # long before: one click sends it (a bot gains nothing: cached pages hold old ones).
        helper.disable_csrf = not self.is_bound
        token = [] if self.is_bound else [HTML(UNFILLED_CSRF_INPUT)]
        helper.layout = Layout(
            *token,
            "body",
            "name",
            "email",
            "url",
            "remember",
            "reply_emails",
            "parent",
            "issued",
            Field("address", wrapper_class="nr-honeypot"),
            Submit("submit", _("Post comment")),
        )
        return helper

    def without_honeypot(self):
        """The form to show again after a refusal: all the reader wrote, but the honeypot,
        which a browser's autofill may have filled in."""
        self.data = self.data.copy()
        self.data["address"] = ""
        return self

    def clean_name(self):
        name = self.cleaned_data["name"]
        if has_forbidden_controls(name):
            raise forms.ValidationError(
                _("The name cannot contain control or text-direction characters."),
                code="controls",
            )
        return single_line(name)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("address"):
            raise forms.ValidationError(_("Your comment could not be accepted."), code="bot")
        token = self.data.get("issued", "")
        try:
            issued = signing.loads(token, salt=SIGNING_SALT, max_age=MAX_SECONDS)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This form has expired. Please send your comment again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form is not valid. Please send your comment again."), code="bad"
            ) from None
        age = time.time() - float(issued)
        if age > MAX_SECONDS:
            raise forms.ValidationError(
                _("This form has expired. Please send your comment again."), code="expired"
            )
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was too fast. Please wait a moment, then send your comment again."),
                code="too_fast",
            )
        return cleaned
