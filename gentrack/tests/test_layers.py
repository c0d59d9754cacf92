"""The code base keeps its import layers (see gentrack/layers.py): lower layers
never import higher ones, rooms never import each other, no module imports
itself back through others, and every package is placed in a layer. The
contract is read from the source with ast, so no database is needed."""

import textwrap
from pathlib import Path

from gentrack.layers import (
    LAYERS,
    cycle_imports,
    import_cycles,
    import_graph,
    layer_violations,
    project_packages,
    unplaced_packages,
)

ROOT = Path(__file__).resolve().parents[2]
LAYERED = [package for layer in LAYERS for package in layer]


def real_graph():
    assert (ROOT / "manage.py").is_file(), f"{ROOT} is not the repository root"
    return import_graph(ROOT, sorted(set(LAYERED) | set(project_packages(ROOT))))


def test_the_code_base_keeps_its_import_layers():
    violations = layer_violations(real_graph(), LAYERS)
    unplaced = unplaced_packages(ROOT, LAYERS)

    problems = violations + [f"package {package} is in no layer of gentrack.layers.LAYERS" for package in unplaced]
    assert not problems, f"{len(problems)} import-layer problems:\n" + "\n".join(problems)


def test_the_code_base_has_no_import_cycles():
    graph = real_graph()
    cycles = import_cycles(graph)

    report = [
        f"cycle of {len(cycle)}: {', '.join(cycle)}\n    " + "\n    ".join(cycle_imports(graph, cycle))
        for cycle in cycles
    ]
    assert not cycles, f"{len(cycles)} import cycles:\n" + "\n".join(report)


# A synthetic tree that keeps the contract, and ways to break it.

CLEAN_TREE = {
    "core/__init__.py": "",
    "core/jobs.py": "import json\n\n\ndef enqueue(name):\n    return json.dumps(name)\n",
    "coalitions/__init__.py": "",
    "coalitions/models.py": "from core.jobs import enqueue\n",
    "commitments/__init__.py": "",
    "commitments/models.py": "from django.db import models\n\nfrom coalitions.models import enqueue\n",
    "commitments/services.py": "from . import models\nfrom .models import models as m\n",
    "commitments/tests/__init__.py": "",
    "commitments/tests/test_models.py": "from reporting.models import Cycle\nfrom public.views import index\n",
    "commitments/migrations/__init__.py": "",
    "commitments/migrations/0001_initial.py": "from reporting.models import Cycle\n",
    "reporting/__init__.py": "",
    "reporting/models.py": "from commitments.models import models\n",
    "reporting/views/__init__.py": "",
    "reporting/views/pages.py": "from ..models import Cycle\n",
    "public/__init__.py": "",
    "public/views.py": "import commitments.services\nfrom reporting import models\n",
    "workspace/__init__.py": "",
    "workspace/forms.py": "from core import jobs\n",
    "gentrack/__init__.py": "",
    "gentrack/urls.py": "from public import views\nfrom workspace.forms import *\n",
    "gentrack/conftest.py": "from gentrack.urls import views\n",
    "docs/__init__.py": "",
    "tests/__init__.py": "from gentrack import urls\n",
}


# Data, not code: long by nature, read by nobody from top to bottom.
LONG_DATA_MODULES = {"coalitions/reference_data.py"}
MAX_MODULE_LINES = 600


def test_no_module_of_the_code_base_is_longer_than_600_lines():
    too_long = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        parts = set(path.relative_to(ROOT).parts)
        if parts & {".venv", "migrations", "tests", "node_modules"} or relative in LONG_DATA_MODULES:
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{relative}: {lines} lines")
    assert not too_long, "split these modules by what they do:\n" + "\n".join(too_long)


def make_tree(root, changes=None):
    """Write the clean tree under ``root``, with ``changes`` ({path: source})
    adding or replacing files."""
    files = {**CLEAN_TREE, **(changes or {})}
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return root


def check(root):
    graph = import_graph(root, LAYERED)
    return layer_violations(graph, LAYERS), import_cycles(graph), unplaced_packages(root, LAYERS)


def test_a_clean_tree_reports_nothing(tmp_path):
    violations, cycles, unplaced = check(make_tree(tmp_path))

    assert (violations, cycles, unplaced) == ([], [], [])


def test_a_domain_module_importing_a_higher_layer_inside_a_function_is_reported(tmp_path):
    root = make_tree(
        tmp_path,
        {
            "commitments/models.py": """
            from django.db import models


            def latest_cycle():
                if True:
                    try:
                        from reporting.models import Cycle
                    except ImportError:
                        return None
                return Cycle
        """,
        },
    )

    violations, _, _ = check(root)

    assert violations == [
        "commitments.models imports reporting.models: commitments (layer 2) may not import reporting (layer 3)"
    ]


def test_a_room_importing_another_room_is_reported(tmp_path):
    root = make_tree(tmp_path, {"public/views.py": "from workspace.forms import SignUpForm\n"})

    violations, _, _ = check(root)

    assert violations == ["public.views imports workspace.forms: rooms public and workspace are independent"]


def test_a_cycle_closed_by_a_late_import_is_reported(tmp_path):
    root = make_tree(
        tmp_path,
        {
            "commitments/a.py": "from commitments.b import helper\n",
            "commitments/b.py": """
            def helper():
                from commitments import a

                return a
        """,
        },
    )

    violations, cycles, _ = check(root)

    assert violations == []
    assert cycles == [["commitments.a", "commitments.b"]]


def test_a_longer_cycle_across_packages_is_reported_once_with_its_imports(tmp_path):
    root = make_tree(
        tmp_path,
        {
            "commitments/a.py": "from reporting.models import Cycle\n",
            "reporting/models.py": "import commitments.models\n",
            "commitments/models.py": "def f():\n    from .a import x\n",
        },
    )

    graph = import_graph(root, LAYERED)

    assert import_cycles(graph) == [["commitments.a", "commitments.models", "reporting.models"]]
    assert cycle_imports(graph, import_cycles(graph)[0]) == [
        "commitments.a imports reporting.models",
        "commitments.models imports commitments.a",
        "reporting.models imports commitments.models",
    ]


def test_a_module_importing_itself_is_a_cycle(tmp_path):
    root = make_tree(tmp_path, {"commitments/a.py": "def f():\n    from commitments import a\n"})

    _, cycles, _ = check(root)

    assert cycles == [["commitments.a"]]


def test_relative_imports_resolve_against_the_module_package(tmp_path):
    root = make_tree(
        tmp_path,
        {
            "commitments/services.py": "def y():\n    pass\n",
            "commitments/views/__init__.py": "from . import pages\nfrom .. import services\n",
            "commitments/views/pages.py": """
            from ..models import X
            from ..services import y
            from . import helpers, not_a_module
            from .helpers import *
            from ...reporting import models
        """,
            "commitments/views/helpers.py": "",
        },
    )

    graph = import_graph(root, LAYERED)

    assert graph["commitments.views"] == {"commitments.views.pages", "commitments.services"}
    # `not_a_module` is a name in the package; `from ...reporting` climbs above the
    # top-level package, which Python refuses, so it records nothing.
    assert graph["commitments.views.pages"] == {
        "commitments.models",
        "commitments.services",
        "commitments.views",
        "commitments.views.helpers",
    }
    assert graph["reporting.views.pages"] == {"reporting.models"}
    assert graph["commitments.services"] == set()


def test_from_package_import_name_records_the_submodule_only_when_it_is_one(tmp_path):
    root = make_tree(
        tmp_path, {"public/views.py": "from commitments import models, services, VERSION\nimport core.jobs.x\n"}
    )

    graph = import_graph(root, LAYERED)

    assert graph["public.views"] == {"commitments", "commitments.models", "commitments.services", "core.jobs"}


def test_tests_migrations_conftest_and_outside_imports_are_ignored(tmp_path):
    graph = import_graph(make_tree(tmp_path), LAYERED)

    assert not [module for module in graph if ".tests" in module or ".migrations" in module]
    assert "gentrack.conftest" not in graph
    assert graph["commitments.models"] == {"coalitions.models"}
    assert graph["core.jobs"] == set()


def test_a_package_in_no_layer_is_reported_as_unplaced(tmp_path):
    root = make_tree(tmp_path, {"billing/__init__.py": "", "billing/models.py": "from core import jobs\n"})
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "__init__.py").write_text("")
    (tmp_path / "notes").mkdir()

    _, _, unplaced = check(root)

    assert unplaced == ["billing"]
    assert project_packages(root) == [
        "billing",
        "coalitions",
        "commitments",
        "core",
        "gentrack",
        "public",
        "reporting",
        "workspace",
    ]
