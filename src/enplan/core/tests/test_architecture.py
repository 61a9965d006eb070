"""What import-linter cannot see: no app takes another app's private names, and no app
imports another app's views. (The layers themselves are import-linter's contract, run by
`make lint`.)"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in SRC.glob("*/apps.py"))


def product_modules():
    for path in sorted(SRC.glob("*/**/*.py")):
        parts = path.relative_to(SRC).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield parts[0], path


def foreign_imports(app, tree):
    """(module, names) for every `from enplan.<other app>... import names`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("enplan."):
            other = node.module.split(".")[1]
            if other in APPS and other != app:
                yield node.module, [alias.name for alias in node.names]


def violations(wrong):
    found = []
    for app, path in product_modules():
        for module, names in foreign_imports(app, ast.parse(path.read_text())):
            found += [f"{path.relative_to(SRC)}: {module}.{n}" for n in names if wrong(module, n)]
    return found


def test_no_module_takes_another_apps_private_names():
    assert violations(lambda module, name: name.startswith("_")) == []


def test_no_app_imports_another_apps_views():
    assert violations(lambda module, name: module.endswith(".views") or name == "views") == []


def test_the_checks_see_every_app():
    assert {"core", "organisation", "plans", "meetings", "network", "citizen"} <= set(APPS)
    assert len(list(product_modules())) > 100
