"""Reads behind the form pages: the user-task forms of the latest process versions."""

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _

from engine.models import ProcessDefinition
from engine.parsing.camunda_forms import is_generated
from engine.selectors import latest_definitions
from forms.loader import ui_schema_name_for


@dataclass
class TaskForm:
    name: str  # the form's file name, as the diagrams name it
    title: str
    schema: dict
    ui_schema: dict
    ui_name: str
    # The latest versions of the processes that carry this form, and the tasks that show it.
    processes: list[ProcessDefinition] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)


def task_forms() -> list[TaskForm]:
    """Every form a user task of a latest process version shows, with who uses it."""
    found: dict[str, TaskForm] = {}
    latest = ProcessDefinition.objects.select_related("deployment").filter(
        pk__in=[d.pk for d in latest_definitions()]
    )
    for definition in latest:
        for element_id, info in sorted(definition.elements.items()):
            name = info.get("form")
            if not name or is_generated(name):  # edited in the diagram, not as a file
                continue
            stored = definition.forms.get(name)
            if stored is None:
                continue
            schema = stored.get("schema") or {}
            form = found.setdefault(
                name,
                TaskForm(
                    name=name,
                    title=str(schema.get("title") or name),
                    schema=schema,
                    ui_schema=stored.get("ui_schema") or {},
                    ui_name=info.get("ui_form") or ui_schema_name_for(name),
                ),
            )
            if definition not in form.processes:
                form.processes.append(definition)
            task = info.get("name") or element_id
            if task not in form.tasks:
                form.tasks.append(task)
    for form in found.values():
        form.processes.sort(key=lambda d: (d.name or d.key).lower())
    return sorted(found.values(), key=lambda f: f.title.lower())


def task_form_for(name: str) -> TaskForm:
    for form in task_forms():
        if form.name == name:
            return form
    raise Http404(_("No deployed process has a form of this name."))
