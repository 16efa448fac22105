"""The layout: core/ is a library that imports no app, and no two apps depend on each
other (the app import graph has no cycle), read from the source with the AST, so a
lazy import inside a function or an apps.get_model("app", ...) counts too."""

import ast
import graphlib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_APPS = [name for name in settings.INSTALLED_APPS if (ROOT / name / "apps.py").exists()]


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, eagerly or lazily, or names to apps.get_model."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("get_model", "import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found & set(PROJECT_APPS)


def app_imports(app: str) -> dict[str, set[str]]:
    """For each module of the app, the other apps it imports."""
    modules = {path: imported_apps(path) - {app} for path in sorted((ROOT / app).rglob("*.py"))}
    return {str(path.relative_to(ROOT)): apps for path, apps in modules.items() if apps}


def test_the_layout_check_sees_every_app_and_every_kind_of_import(tmp_path):
    assert {"core", "agreements", "donors", "pledges", "sources", "portal"} <= set(PROJECT_APPS)
    module = tmp_path / "module.py"
    module.write_text(
        "import donors.models\n"
        "from pledges import services\n"
        "from . import sibling\n"
        "def later():\n"
        "    from sources.models import Source\n"
        "    return apps.get_model('agreements', 'Agreement')\n"
    )
    assert imported_apps(module) == {"donors", "pledges", "sources", "agreements"}


def test_core_imports_no_app():
    assert app_imports("core") == {}


def test_the_apps_import_each_other_without_a_cycle():
    graph = {app: set().union(*app_imports(app).values()) for app in PROJECT_APPS}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        cycle = error.args[1][::-1]  # graphlib lists a node before the ones that import it
        edges = [
            f"{module} imports {importer_to}"
            for importer, importer_to in zip(cycle, cycle[1:], strict=False)
            for module, apps in app_imports(importer).items()
            if importer_to in apps
        ]
        raise AssertionError(
            f"Apps import each other in a circle, {' -> '.join(cycle)}: " + "; ".join(edges)
        ) from None
    assert order.index("core") == 0
