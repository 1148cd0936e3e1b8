"""Read the reference article page (../shared/fixtures/seed-article-ar.txt; see its README)."""

import re
from dataclasses import dataclass

from django.utils.html import escape

QUOTED_TITLE = re.compile("“(.*?)”", re.DOTALL)


@dataclass
class Seed:
    section: str
    title: str
    disclaimer_title: str  # the title as the disclaimer quotes it, stray line break included
    body_lines: list
    headings: list

    @classmethod
    def parse(cls, text):
        lines = text.split("\n")
        body = [line for line in lines[14:83] if line.strip()]
        # The sub-headings are the short lines that end without punctuation.
        headings = [line for line in body if len(line.split()) <= 4 and not line.endswith(".")]
        return cls(
            section=lines[0].strip(),
            title=lines[2].strip(),
            disclaimer_title=QUOTED_TITLE.search("\n".join(lines[85:87])).group(1),
            body_lines=[lines[6], lines[8], *body],
            headings=headings,
        )

    def body_html(self):
        blocks = []
        for line in self.body_lines:
            if line in self.headings:
                blocks.append(f"<h2>{escape(line)}</h2>")
            elif line.startswith("“"):
                blocks.append(f"<blockquote><p>{escape(line)}</p></blockquote>")
            else:
                blocks.append(f"<p>{escape(line)}</p>")
        return "".join(blocks)
