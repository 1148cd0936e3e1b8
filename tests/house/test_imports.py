"""Imports run one way between the top-level packages (see README, "How the code is laid out")."""

import ast
import functools
import graphlib

import pytest

from tests.conftest import ROOT

# What each package may import. `newsroom` is the project's shell: settings and URLs name the
# apps; no app imports it back. Nothing imports `demo`.
ALLOWED = {
    "core": set(),
    "articles": {"core"},
    "comments": {"articles", "core"},
    "wordpress": {"articles", "comments", "core"},
    "taskqueue": {"core"},
    "demo": {"articles", "comments", "core", "wordpress"},
    "newsroom": {"core", "articles", "comments", "wordpress", "taskqueue"},
}
PACKAGES = set(ALLOWED)


def imported_packages(path):
    """The project's top-level packages a module imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & PACKAGES


@functools.cache
def package_imports():
    graph = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            graph.setdefault(package, set()).update(imported_packages(path) - {package})
    return graph


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_each_package_imports_only_what_it_may(package):
    assert package_imports()[package] <= ALLOWED[package]


def test_the_packages_import_one_another_without_a_cycle():
    graphlib.TopologicalSorter(package_imports()).prepare()  # raises CycleError on a cycle


def test_the_rules_themselves_have_no_cycle_and_core_imports_no_app():
    graphlib.TopologicalSorter(ALLOWED).prepare()
    assert ALLOWED["core"] == set() and "comments" not in ALLOWED["articles"]
