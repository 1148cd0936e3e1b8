"""{% fragment name tag… %}…{% endfragment %}: a part of a page drawn once per change.

The HTML between the tags is kept (core.cachetags.fragment) until one of the named cache tags
changes, and the page that shows it carries those tags too. For the parts that cost the
most to draw (the home page's two hundred cards): a page redrawn after a change that did not
touch them reuses them. Django's own {% cache %} expires by time only, never by change.
"""

from django import template
from django.utils.safestring import mark_safe

from core import cachetags

register = template.Library()


@register.tag
def fragment(parser, token):
    name, *tags = (parser.compile_filter(bit) for bit in token.split_contents()[1:])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, tags, nodelist)


class FragmentNode(template.Node):
    def __init__(self, name, tags, nodelist):
        self.name, self.tags, self.nodelist = name, tags, nodelist

    def render(self, context):
        name = "html:" + str(self.name.resolve(context))
        tags = [str(tag.resolve(context)) for tag in self.tags]
        # The kept HTML is what this template drew: the same markup, escaped as it was then.
        html = cachetags.fragment(name, tags, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308
