"""Who may act on a user task, and who may start a process or send a message: asked by the
services (which raise the refusal), the web pages (which offer only what is allowed) and
the API (through the services), so each right is written once.

Each task action has a `<action>_refusal(user, task)`: None when the person may, else the
reason they may not (a Forbidden's message). `may_<action>(user, task)` adds the task's
own state (open, claimed, delegated): it says whether a page offers the action. The
services check the task's state themselves first, as a Conflict (409), then the refusal.

The candidate index (TaskCandidate rows: who may claim an open, unassigned task) is built
here too, by `candidate_rows`, from the task's candidate groups and users.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from engine.models import (
    GroupMonitorRights,
    GroupStartRights,
    HumanTask,
    ProcessDefinition,
    ProcessInstance,
    TaskCandidate,
)
from engine.types import User

from .starters import process_starters

MANAGERS = "managers"
LEADS_GROUP = "leads"
PROCESS_OWNERS = "process-owners"


def user_group_names(user: User) -> list[str]:
    return [name.lower() for name in user.groups.values_list("name", flat=True)]


def is_manager(user: User) -> bool:
    return user.is_superuser or MANAGERS in user_group_names(user)


def can_deploy(user: User | None) -> bool:
    """Validate and deploy diagrams (and change instances' variables): process owners."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__iexact=PROCESS_OWNERS).exists()


def is_candidate(task: HumanTask, user: User) -> bool:
    if user.is_superuser:
        return True
    if user.username in task.candidate_users:
        return True
    return bool(set(task.candidate_groups) & set(user_group_names(user)))


def is_lead_of(user: User, task: HumanTask) -> bool:
    """A member of one of the task's candidate groups who is also in the `leads` group."""
    groups = set(user_group_names(user))
    return LEADS_GROUP in groups and bool(groups & set(task.candidate_groups))


def candidate_rows(task: HumanTask) -> list[TaskCandidate]:
    """The candidate index rows of an open, unassigned task (not saved)."""
    return [
        TaskCandidate(task=task, kind="group", name=g, priority=task.priority)
        for g in task.candidate_groups
    ] + [
        TaskCandidate(task=task, kind="user", name=u, priority=task.priority)
        for u in task.candidate_users
    ]


# --- Task actions ----------------------------------------------------------------------


def claim_refusal(user: User, task: HumanTask) -> str | None:
    if not is_candidate(task, user):
        return _("You are not a candidate for this task.")
    return None


def unclaim_refusal(user: User, task: HumanTask) -> str | None:
    if task.assignee_id is None:
        return claim_refusal(user, task)
    if task.assignee_id != user.pk and not user.is_superuser:
        return _("Only the assignee can give the task back.")
    return None


def complete_refusal(user: User, task: HumanTask) -> str | None:
    if task.assignee_id is not None:
        if task.assignee_id != user.pk and not user.is_superuser:
            return _("The task is assigned to %(name)s.") % {"name": task.assignee.username}
        return None
    return claim_refusal(user, task)


def assign_refusal(user: User, task: HumanTask) -> str | None:
    if is_manager(user) or is_lead_of(user, task):
        return None
    return _("Only a manager or a lead of the task's group can reassign it.")


def delegate_refusal(user: User, task: HumanTask) -> str | None:
    if task.assignee_id != user.pk:
        return _("Only the task's assignee can delegate it.")
    return None


def resolve_refusal(user: User, task: HumanTask) -> str | None:
    if task.assignee_id != user.pk:
        return _("Only the colleague the task is delegated to can resolve it.")
    return None


def follow_up_refusal(user: User, task: HumanTask) -> str | None:
    """Who moves a task's follow-up date: whoever holds it (or owns it while delegated), a
    manager or a lead of its group; an unclaimed one, any of its candidates."""
    if user.is_superuser or is_manager(user) or is_lead_of(user, task):
        return None
    if task.assignee_id is None:
        return claim_refusal(user, task)
    if user.pk in (task.assignee_id, task.owner_id):
        return None
    return _("Only the person the task is assigned to can set when to follow it up.")


def may_claim(user: User, task: HumanTask) -> bool:
    return task.is_open and task.assignee_id is None and claim_refusal(user, task) is None


def may_unclaim(user: User, task: HumanTask) -> bool:
    return (
        task.is_open
        and not task.is_delegated
        and task.assignee_id is not None
        and unclaim_refusal(user, task) is None
    )


def may_complete(user: User, task: HumanTask) -> bool:
    return task.is_open and not task.is_delegated and complete_refusal(user, task) is None


def may_assign(user: User, task: HumanTask) -> bool:
    return task.is_open and not task.is_delegated and assign_refusal(user, task) is None


def may_delegate(user: User, task: HumanTask) -> bool:
    return task.is_open and not task.is_delegated and delegate_refusal(user, task) is None


def may_follow_up(user: User, task: HumanTask) -> bool:
    return task.is_open and follow_up_refusal(user, task) is None


def may_resolve(user: User, task: HumanTask) -> bool:
    return task.is_open and task.is_delegated and resolve_refusal(user, task) is None


# --- Starting processes and sending messages --------------------------------------------


# --- Instances -----------------------------------------------------------------------


def variables_refusal(user: User | None) -> str | None:
    """Change a running instance's variables: managers and process owners."""
    if user is None or not user.is_authenticated:
        return _("Sign in to change an instance's variables.")
    if is_manager(user) or can_deploy(user):
        return None
    return _("Only managers and process owners may change an instance's variables.")


def may_edit_variables(user: User | None) -> bool:
    return variables_refusal(user) is None


def incident_fixers(instance: ProcessInstance) -> str:
    """Who can fix an incident of `instance`, by name, and how: the rules of retrying
    (selectors.may_steer) and of changing the case's data first (variables_refusal)."""
    text = _(
        "Who can fix it: the “%(managers)s” group retries the step, first changing the "
        "case's variables when its data is wrong; the “%(owners)s” group may change them too."
    ) % {"managers": MANAGERS, "owners": PROCESS_OWNERS}
    starter = instance.started_by
    if starter is not None and not is_manager(starter):
        name = starter.get_full_name() or starter.get_username()
        text += " " + _("%(person)s, who started the case, may retry it as well.") % {
            "person": name
        }
    return text


def migration_refusal(user: User | None) -> str | None:
    """Move running instances to another version of their process (and, one by one or in
    a batch, steer them past what blocks them): managers and process owners."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Sign in to move instances to another version.")
    if is_manager(user) or can_deploy(user):
        return None
    return _("Only managers and process owners may move instances to another version.")


def may_migrate(user: User | None) -> bool:
    return migration_refusal(user) is None


def modification_refusal(user: User | None) -> str | None:
    """Move a running instance's work by hand (cancel at an element, start before or after
    one): managers and process owners, who also move instances between versions."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Sign in to move an instance's work.")
    if is_manager(user) or can_deploy(user):
        return None
    return _("Only managers and process owners may move an instance's work.")


def may_modify(user: User | None) -> bool:
    return modification_refusal(user) is None


def batch_refusal(user: User | None) -> str | None:
    """Cancel, suspend, resume or retry many instances at once: managers."""
    if user is not None and user.is_authenticated and user.is_active and is_manager(user):
        return None
    return _("Only managers may change many instances at once.")


def may_start(user: User | None, definition: ProcessDefinition) -> bool:
    """Whether the person may start the process by hand (superusers start any); the
    diagram names who may (starters.py)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    starters = process_starters(definition)
    if starters is None:
        return False
    if user.is_superuser or user.get_username() in starters.users:
        return True
    anyone = not starters.groups and not starters.users  # every employee may start it
    # An administrator's choice for a group (GroupStartRights) replaces what the diagram
    # says for that group; groups without one start what the diagram names.
    set_by_admin = start_rights_of(user)
    groups = {name.lower() for name in user.groups.values_list("name", flat=True)}
    if not groups:
        return anyone
    return any(group_may_start(g, set_by_admin.get(g), definition) for g in groups)


def group_may_start(
    group: str, keys: frozenset[str] | list[str] | None, definition: ProcessDefinition
) -> bool:
    """Whether the members of `group` start `definition` by hand: the processes an
    administrator chose for the group (`keys`), else (None) whom the diagram names."""
    starters = process_starters(definition)
    if starters is None:
        return False
    if keys is not None:
        return definition.key in keys
    anyone = not starters.groups and not starters.users
    return anyone or group.lower() in starters.groups


def start_rights_of(user: User) -> dict[str, frozenset[str]]:
    """Group name (lower-cased) → the process keys an administrator let it start, for the
    person's groups that have such a choice; read once per user object (one request)."""
    cached: dict[str, frozenset[str]] | None = getattr(user, "_start_rights", None)
    if cached is None:
        rows = GroupStartRights.objects.filter(group__user=user).values_list("group__name", "keys")
        cached = {name.lower(): frozenset(keys) for name, keys in rows} if user.pk else {}
        user._start_rights = cached
    return cached


# --- Monitoring -----------------------------------------------------------------------


def group_monitors(group: str, keys: frozenset[str] | list[str] | None) -> frozenset[str] | None:
    """The processes whose instances the members of `group` watch: what an administrator
    chose (`keys`), else (None) the default: managers every process (None), others none."""
    if keys is not None:
        return frozenset(keys)
    return None if group.lower() == MANAGERS else frozenset()


def monitor_rights_of(user: User) -> dict[str, frozenset[str]]:
    """Group name (lower-cased) → the process keys an administrator let it monitor, for the
    person's groups that have such a choice; read once per user object (one request)."""
    cached: dict[str, frozenset[str]] | None = getattr(user, "_monitor_rights", None)
    if cached is None:
        rows = GroupMonitorRights.objects.filter(group__user=user).values_list(
            "group__name", "keys"
        )
        cached = {name.lower(): frozenset(keys) for name, keys in rows} if user.pk else {}
        user._monitor_rights = cached
    return cached


def monitored_keys(user: User | None) -> frozenset[str] | None:
    """The processes whose every instance the person watches (monitor, instance pages,
    /api/instances/): None for every process (superusers, and by default managers), else
    the union of her groups' processes (possibly none)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    chosen = monitor_rights_of(user)
    keys: set[str] = set()
    for group in user_group_names(user):
        watched = group_monitors(group, chosen.get(group))
        if watched is None:
            return None
        keys |= watched
    return frozenset(keys)


def may_monitor_process(user: User | None, key: str) -> bool:
    keys = monitored_keys(user)
    return keys is None or key in keys


def may_open_monitor(user: User | None) -> bool:
    """Whether the monitor (and the instance pages) open for the person: she watches at
    least one process."""
    keys = monitored_keys(user)
    return keys is None or bool(keys)


def may_send(user: User | None, name: str, *, integration: bool = False) -> bool:
    """Whether a person may send the message `name` by hand: managers may, and so may a
    program with one of her API tokens marked for integration; others only a message that
    starts a process they may start. A message that wakes a waiting instance is the
    processes' own (stock arrived, payment received) and not for a person to fake."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if integration or user.is_superuser or user.groups.filter(name__iexact=MANAGERS).exists():
        return True
    latest: dict[str, ProcessDefinition] = {}
    definitions = ProcessDefinition.objects.only("key", "version", "start_messages", "elements")
    for definition in definitions.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return any(
        may_start(user, definition)
        for definition in latest.values()
        if name in (definition.start_messages or [])
    )


WORKERS_GROUP = "external-workers"


def integration_token_refusal(user: User | None) -> str | None:
    """Who may mark an API token of hers for integration (it sends any message and signal,
    as another system does): administrators and the external-workers group's technical
    accounts."""
    if user is not None and user.is_authenticated and user.is_active:
        allowed = user.is_superuser or user.is_staff or WORKERS_GROUP in user_group_names(user)
        if allowed:
            return None
    return _(
        "Only administrators and members of the external-workers group make tokens for "
        "integration: such a token sends any message and signal."
    )


def external_work_refusal(user: User | None) -> str | None:
    """Who may fetch and report external tasks over /engine-rest/: the external-workers
    group (a worker's technical account), managers and superusers."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _("Sign in to fetch and report external tasks.")
    if user.is_superuser or {WORKERS_GROUP, MANAGERS} & set(user_group_names(user)):
        return None
    return _(
        "Only members of the external-workers group (and managers) may fetch and report "
        "external tasks; add the worker's account to that group."
    )


def signal_refusal(user: User | None, *, integration: bool = False) -> str | None:
    """Who may broadcast a signal by hand: it reaches every instance waiting for it and
    starts every process it starts, so managers (and superusers) only, and programs with
    an API token marked for integration."""
    signed_in = user is not None and user.is_authenticated and user.is_active
    if signed_in and (integration or is_manager(user)):
        return None
    return _(
        "Only managers may send a signal: it reaches every instance waiting for it and "
        "starts every process it starts."
    )
