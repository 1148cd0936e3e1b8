"""Small files and functions: the limits the house keeps (migrations, tests and scripts aside)."""

import ast

import pytest

from tests.conftest import ROOT

PACKAGES = ["newsroom", "core", "articles", "comments", "wordpress", "demo", "taskqueue"]
MAX_FILE_LINES, MAX_CLASS_LINES, MAX_FUNCTION_LINES = 400, 250, 40


def sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def oversized(path):
    """(what, lines) of each piece of the file over its limit."""
    text = path.read_text(encoding="utf-8")
    found = []
    if text.count("\n") > MAX_FILE_LINES:
        found.append(("file", text.count("\n")))
    for node in ast.walk(ast.parse(text)):
        limit = {
            ast.ClassDef: MAX_CLASS_LINES,
            ast.FunctionDef: MAX_FUNCTION_LINES,
            ast.AsyncFunctionDef: MAX_FUNCTION_LINES,
        }.get(type(node))
        if limit is None:
            continue
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        lines = node.end_lineno - start + 1
        if lines > limit:
            found.append((f"{type(node).__name__} {node.name}", lines))
    return found


@pytest.mark.parametrize("path", list(sources()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_class_or_function_is_over_its_limit(path):
    assert oversized(path) == []
