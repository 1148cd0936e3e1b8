"""Fewer pages for Chromium to open, every payload still tested as if it were alone.

Chromium takes about 0.15 s a page: one article per payload would be 230 article pages per
door. A plain-text field (title, excerpt, a comment's name) cannot let one payload change how
another is read, so several share one value. An HTML body can (an unclosed <xmp> turns what
follows into text), so payloads share a body only while the cleaner's output for them together
is its outputs for each alone, whitespace aside: Chromium then gets exactly the markup each
payload would give on a page of its own, and a payload that would change its neighbours gets
an article to itself.
"""


def packed(attacks, limit, separator=" "):
    """Values of at most `limit` characters that together hold every payload."""
    values, current = [], ""
    for attack in attacks:
        attack = attack[:limit]  # the field would cut it there too
        if current and len(current) + len(separator) + len(attack) > limit:
            values.append(current)
            current = ""
        current = current + separator + attack if current else attack
    return [*values, current]


def grouped(attacks, clean, separator="\n\n"):
    """Lists of payloads whose cleaned body is the sum of their cleaned bodies alone."""
    groups, current = [], []
    for attack in attacks:
        together = clean(separator.join([*current, attack]))
        apart = clean(separator.join(current)) + clean(attack)
        if current and bare(together) != bare(apart):
            groups.append(current)
            current = []
        current.append(attack)
    return [*groups, current]


def bare(html):
    return "".join(html.split())
