"""A progress bar for long commands, drawn only when a person watches a terminal.

tqdm draws it: it shows the time left and redraws at most ten times a second, where a bar
redrawn at every post made a 100,000-post import write 100,000 lines to the terminal.
"""

import sys

from tqdm import tqdm


class Progress(tqdm):
    # No monitor thread: the WordPress importer forks its text workers only while this process
    # has a single thread (wordpress/text.py, TextPool.usable).
    monitor_interval = 0

    def __init__(self, total, stream=None):
        stream = stream or sys.stderr
        watched = hasattr(stream, "isatty") and stream.isatty()
        super().__init__(
            total=total,
            file=stream,
            disable=total <= 0 or not watched,
            bar_format="[{bar:30}] {n_fmt}/{total_fmt} ({elapsed}<{remaining})",
        )

    def step(self, count=1):
        self.update(count)
