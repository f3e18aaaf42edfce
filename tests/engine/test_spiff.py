"""SpiffWorkflow is reached through engine/runtime/spiff.py only, and its private API there
behaves as the engine relies on (an upgrade of the library fails here first)."""

import ast
import re
from pathlib import Path

from django.conf import settings

from engine.parsing.compile import load_parser
from engine.runtime import spiff
from engine.runtime.script_engine import SCRIPT_ENGINE
from engine.runtime.spiff import BpmnWorkflow, TaskState
from tests.factories import FIXTURES

REPO = Path(settings.BASE_DIR)
SKIPPED = {".venv", "node_modules", "var", ".git"}
PRIVATE = {
    "_parent",
    "_children",
    "_set_state",
    "_update",
    "_set_internal_data",
    "_sync_children",
    "_ready",
    "_do_engine_steps",
    "_compare_task_specs",
    "_add_child",
    "_predict",
}


def _python_files():
    for path in REPO.rglob("*.py"):
        if not SKIPPED.intersection(path.relative_to(REPO).parts):
            yield path


def _spiff_imports(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        if any(name == "SpiffWorkflow" or name.startswith("SpiffWorkflow.") for name in names):
            lines.append(node.lineno)
    return lines


def test_only_the_spiff_module_imports_spiffworkflow():
    found = []
    for path in _python_files():
        if path == Path(spiff.__file__):
            continue
        for line in _spiff_imports(ast.parse(path.read_text(), str(path))):
            found.append(f"{path.relative_to(REPO)}:{line}")
    assert found == [], "import SpiffWorkflow through engine.runtime.spiff: " + ", ".join(found)


def test_no_engine_module_but_spiff_touches_its_private_api():
    engine_dir = Path(spiff.__file__).parent.parent
    found = []
    for path in engine_dir.rglob("*.py"):
        if path == Path(spiff.__file__) or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in PRIVATE:
                value = node.value
                if not (isinstance(value, ast.Name) and value.id in {"self", "cls"}):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} .{node.attr}")
    assert found == [], "use a function of engine.runtime.spiff: " + ", ".join(found)


def test_the_scanner_sees_every_form_of_import():
    tree = ast.parse(
        "import SpiffWorkflow\nfrom SpiffWorkflow.bpmn import BpmnWorkflow\n"
        "def f():\n    import SpiffWorkflow.util.task as t\nfrom .SpiffWorkflowish import x\n"
    )
    assert _spiff_imports(tree) == [1, 2, 4]


def test_the_installed_version_is_the_pinned_3x_one():
    pinned = re.search(
        r"^SpiffWorkflow==(\S+)", (REPO / "requirements.txt").read_text(), re.MULTILINE
    )
    assert pinned is not None
    assert pinned.group(1) == spiff.VERSION
    assert int(spiff.VERSION.split(".")[0]) == spiff.SUPPORTED_MAJOR == 3


def _workflow(name: str = "timers") -> BpmnWorkflow:
    path = FIXTURES / "runtime" / f"{name}.bpmn"
    parser, _roots = load_parser({path.name: path.read_text()}, validate=False)
    workflow = BpmnWorkflow(
        parser.get_spec(name), parser.get_subprocess_specs(name), script_engine=SCRIPT_ENGINE
    )
    workflow.do_engine_steps()
    return workflow


def _waiting_timer(workflow):
    [task] = [t for t in workflow.get_tasks(state=TaskState.WAITING) if t.task_spec.bpmn_id]
    return task


def test_parent_and_children_ids_are_the_tree_the_public_api_walks():
    workflow = _workflow()
    for task in workflow.get_tasks():
        parent = task.parent
        assert spiff.parent_id(task) == (parent.id if parent is not None else None)
        assert spiff.child_ids(task) == [child.id for child in task.children]


def test_hang_under_and_drop_child_rewire_the_tree():
    workflow = _workflow()
    root = workflow.task_tree
    timer = _waiting_timer(workflow)
    assert spiff.parent_id(timer) != root.id
    spiff.hang_under(timer, root)
    assert timer.parent is root and root.children == [timer]
    [child] = timer.children
    spiff.drop_child(timer, child.id)
    assert timer.children == [] and child.id in workflow.tasks


def test_set_state_moves_a_task_without_running_it():
    workflow = _workflow()
    timer = _waiting_timer(workflow)
    spiff.set_state(timer, TaskState.ERROR)
    assert timer.state == TaskState.ERROR
    assert workflow.get_tasks(state=TaskState.READY, manual=True) == []


def test_update_re_evaluates_a_task_from_future():
    workflow = _workflow()
    timer = _waiting_timer(workflow)
    spiff.set_state(timer, TaskState.FUTURE)
    spiff.update(timer)
    assert timer.state == TaskState.WAITING  # its timer is set again, not yet due


def test_fire_waiting_event_lets_a_timer_through_at_once():
    workflow = _workflow()
    timer = _waiting_timer(workflow)
    spiff.fire_waiting_event(timer)
    assert timer.state == TaskState.READY
    workflow.do_engine_steps()
    [handle] = workflow.get_tasks(state=TaskState.READY, manual=True)
    assert handle.task_spec.bpmn_id == "handle"
