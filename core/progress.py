"""A progress bar for long commands, drawn only when a person watches a terminal."""

import sys


class Progress:
    WIDTH = 30

    def __init__(self, total, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.visible = total > 0 and self.stream.isatty()

    def step(self, count=1):
        self.done += count
        if self.visible:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + " " * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self):
        if self.visible:
            self.stream.write("\n")
