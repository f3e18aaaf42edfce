"""The SpiffArena helpers a script may call that HyperCRM does not give, found when a
diagram is validated: each refusal names the helper and says what HyperCRM has instead,
or that it has no equivalent. `time.sleep` is refused too (a script never waits).

The helpers HyperCRM gives are engine/runtime/script_helpers.py's. A name the script
defines or assigns itself is its own, not SpiffArena's.
"""

from __future__ import annotations

import ast

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_NO_SECRETS = gettext_lazy(
    "scripts never see secrets; keep credentials in the settings of a connector and call it "
    "from a service task"
)
_RIGHTS = gettext_lazy(
    "users, groups and rights are managed on HyperCRM's admin pages, not by processes"
)
_USERS = gettext_lazy("use get_current_user() or get_process_initiator_user()")
_TASK_PEOPLE = gettext_lazy("the inbox shows who may take a task; scripts cannot ask")
_DATA = gettext_lazy("the task data are the script's own variables; read and assign them")
_LINKS = gettext_lazy("pages link to the case themselves; scripts cannot build addresses")
_FILES = gettext_lazy('a form field with "ui:widget": "document" shows a document as a link')
# name -> (HyperCRM has an equivalent, what to do instead)
_UNAVAILABLE: dict[str, tuple[bool, Promise]] = {
    "get_secret": (False, _NO_SECRETS),
    "set_secret": (False, _NO_SECRETS),
    "add_permission": (False, _RIGHTS),
    "add_user_to_group": (False, _RIGHTS),
    "clear_permissions": (False, _RIGHTS),
    "refresh_permissions": (False, _RIGHTS),
    "get_all_permissions": (False, _RIGHTS),
    "set_user_properties": (False, _RIGHTS),
    "get_user_properties": (False, _RIGHTS),
    "set_feature_flags": (False, _RIGHTS),
    "get_user": (True, _USERS),
    "get_user_by_id": (True, _USERS),
    "get_groups_for_user": (True, gettext_lazy("get_current_user() lists the person's groups")),
    "get_process_info": (True, gettext_lazy("use get_toplevel_process_info()")),
    "get_users_assigned_to_task": (False, _TASK_PEOPLE),
    "get_usernames_waiting_for_task": (False, _TASK_PEOPLE),
    "get_task_potential_owners": (False, _TASK_PEOPLE),
    "get_groups_assigned_to_task": (False, _TASK_PEOPLE),
    "get_current_task_data": (True, _DATA),
    "get_task_data_value": (True, _DATA),
    "update_task_data_with_dictionary": (True, _DATA),
    "extract_from_task_data": (True, _DATA),
    "get_current_task_info": (False, gettext_lazy("scripts cannot read the task's internals")),
    "get_frontend_url": (False, _LINKS),
    "get_url_for_task": (False, _LINKS),
    "get_url_for_task_with_bpmn_identifier": (False, _LINKS),
    "markdown_file_download_link": (True, _FILES),
    "get_encoded_file_data": (True, _FILES),
    "get_dmn": (True, gettext_lazy("a business rule task runs the decision table")),
    "save_process_instance_metadata": (
        True,
        gettext_lazy("a businessKey property on the start event names the case"),
    ),
    "create_unique_kkv_top_level_key": (False, gettext_lazy("HyperCRM has no data stores")),
    "fact_service": (False, gettext_lazy("it is SpiffArena's example service")),
    "generate_markdown_table": (False, gettext_lazy("write the table in the instructions")),
    "delete_process_instances_with_criteria": (
        False,
        gettext_lazy("cases are ended or cancelled from the monitor"),
    ),
    "times_executed_by_user": (False, gettext_lazy("scripts cannot count others' cases")),
    "user_has_started_instance": (False, gettext_lazy("scripts cannot count others' cases")),
}


def _own_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            if not isinstance(node, ast.Lambda):
                names.add(node.name)
            names.update(arg.arg for arg in ast.walk(node.args) if isinstance(arg, ast.arg))
    return names


def _reason(name: str) -> str:
    has_equivalent, instead = _UNAVAILABLE[name]
    if has_equivalent:
        return _(
            "it calls %(helper)s(), a SpiffArena helper HyperCRM does not give; its "
            "equivalent here: %(instead)s"
        ) % {"helper": name, "instead": instead}
    return _(
        "it calls %(helper)s(), a SpiffArena helper HyperCRM has no equivalent for (%(why)s)"
    ) % {"helper": name, "why": instead}


def helper_refusals(text: str, mode: str) -> list[tuple[str, int | None]]:
    """(reason, line within `text`) for each SpiffArena helper HyperCRM does not give that
    the script (mode "exec") or expression ("eval") calls, and for `time.sleep`."""
    if "sleep" not in text and not any(name in text for name in _UNAVAILABLE):
        return []  # the common case, without parsing the text a second time
    # An expression is read without the blank space around it; lines count from the file's.
    skipped = 0 if mode == "exec" else text[: len(text) - len(text.lstrip())].count("\n")
    try:
        tree = ast.parse(text if mode == "exec" else text.strip(), mode=mode)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # the sandbox's check says what is wrong with it
    own = _own_names(tree)
    found: list[tuple[str, int | None]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in _UNAVAILABLE and func.id not in own:
            found.append((_reason(func.id), node.lineno + skipped))
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "sleep"
            and isinstance(func.value, ast.Name)
            and func.value.id == "time"
            and "time" not in own
        ):
            reason = _("time.sleep() is not available: a script never waits; draw a timer event")
            found.append((reason, node.lineno + skipped))
    return sorted(found, key=lambda item: item[1] or 0)
