"""URL converters. Django's <slug:> matches ASCII only; Arabic slugs need Unicode letters."""


class UnicodeSlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
