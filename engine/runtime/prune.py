"""Cut finished history out of a workflow's task trees before it is saved.

Before each save the tree is cut to the lowest common ancestor of all unfinished tasks,
which is re-hung under the root. Joins and boundary events only look at tasks below that
ancestor, so nothing the engine still needs is lost; the history lives in InstanceEvent.
"""

from typing import Any
from uuid import UUID

from . import spiff
from .spiff import (
    BpmnWorkflow,
    EventSplit,
    SequentialMultiInstanceTask,
    StandardLoopTask,
    Task,
    TaskState,
)

DONE = TaskState.COMPLETED | TaskState.CANCELLED


def prune(workflow: BpmnWorkflow) -> int:
    """Cut finished history out of the task trees; return how many tasks were dropped."""
    dropped = _prune_tree(workflow)
    for subprocess in list(workflow.subprocesses.values()):
        dropped += _prune_tree(subprocess)
    # A sub-process whose calling task was cut is finished history too.
    while True:
        known = set(workflow.tasks)
        for subprocess in workflow.subprocesses.values():
            known.update(subprocess.tasks)
        orphans = [task_id for task_id in workflow.subprocesses if task_id not in known]
        if not orphans:
            return dropped
        for task_id in orphans:
            dropped += len(workflow.subprocesses.pop(task_id).tasks)


def _prune_merged_items(wf: BpmnWorkflow) -> int:
    """A sequential multi-instance or loop task keeps every finished item as a child. An
    item is read once more after it finishes, by the completion condition, in the same step
    (SpiffWorkflow merges a child the moment it completes); after that its data lives in the
    parent. So finished, merged items are dropped; a multi-instance task's `merged` list
    keeps only its last id (the condition looks it up among the children only right after
    appending a new one), a loop keeps its list (it counts iterations by it)."""
    dropped = 0
    for task in list(wf.tasks.values()):
        spec = task.task_spec
        if not isinstance(spec, SequentialMultiInstanceTask | StandardLoopTask):
            continue
        merged = task.internal_data.get("merged") or []
        if not merged:
            continue
        done = set(merged)
        for child in list(task.children):
            if str(child.id) in done and child.has_state(DONE):
                for descendant in list(child):
                    wf.tasks.pop(descendant.id, None)
                    dropped += 1
                spiff.drop_child(task, child.id)
        if isinstance(spec, SequentialMultiInstanceTask) and len(merged) > 1:
            task.internal_data["merged"] = [merged[-1]]
    return dropped


def _prune_tree(wf: BpmnWorkflow) -> int:
    dropped = _prune_merged_items(wf) + _prune_ancestors(wf)
    if wf.last_task is not None and wf.last_task.id not in wf.tasks:
        wf.last_task = None
    return dropped


def _prune_ancestors(wf: BpmnWorkflow) -> int:
    root = wf.task_tree
    unfinished = [task for task in wf.tasks.values() if not task.has_state(DONE)]
    if not unfinished:
        return 0
    ancestor = _common_ancestor(wf, unfinished)
    # The join after a start or boundary event looks for its split among its ancestors.
    while ancestor is not None and isinstance(_parent_spec(wf, ancestor), EventSplit):
        ancestor = wf.tasks[spiff.parent_id(ancestor)]
    if ancestor is None or ancestor is root or spiff.parent_id(ancestor) == root.id:
        return 0
    keep = {task.id for task in ancestor}
    keep.add(root.id)
    spiff.hang_under(ancestor, root)
    dropped = [task_id for task_id in wf.tasks if task_id not in keep]
    for task_id in dropped:
        del wf.tasks[task_id]
    return len(dropped)


def _parent_spec(wf: BpmnWorkflow, task: Task) -> Any:
    parent_id = spiff.parent_id(task)
    parent = wf.tasks.get(parent_id) if parent_id is not None else None
    return parent.task_spec if parent is not None else None


def _common_ancestor(wf: BpmnWorkflow, tasks: list[Task]) -> Task | None:
    tasks_by_id = wf.tasks

    def path(task: Task | None) -> list[UUID]:
        chain = []
        while task is not None:
            chain.append(task.id)
            parent_id = spiff.parent_id(task)
            task = tasks_by_id.get(parent_id) if parent_id is not None else None
        chain.reverse()
        return chain

    common = path(tasks[0])
    for task in tasks[1:]:
        other = path(task)
        size = 0
        for mine, theirs in zip(common, other, strict=False):
            if mine != theirs:
                break
            size += 1
        common = common[:size]
        if len(common) <= 1:
            break
    return tasks_by_id.get(common[-1]) if common else None
