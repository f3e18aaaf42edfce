"""The rights page: an administrator gives each group read and change rights per kind of
record, the processes it starts by hand and those it monitors (processes.access); each
group is a form of its own."""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from processes.access import ACTIONS, KINDS
from processes.access.pages import allowed
from processes.access.rights import actions_of_kind, may_administer
from processes.access.selectors import groups_with_rights
from processes.access.services import KEEP, group_access_set
from processes.access.visibility import OWN_KINDS


def _rows(rights: dict) -> list[dict]:
    return [
        {
            "kind": kind,
            "label": label,
            "actions": [
                {"name": action, "label": ACTIONS[action], "on": action in rights.get(kind, ())}
                for action in actions_of_kind(kind)
            ],
        }
        for kind, label in KINDS.items()
    ]


def _unless_unchanged(group, chosen: dict) -> dict:
    """A group still on the defaults keeps them when its boxes are saved as shown (so a
    process deployed later follows the default) instead of fixing today's list."""
    entry = next(e for e in groups_with_rights() if e["group"].pk == group.pk)
    kept = {}
    for name, value in chosen.items():
        shown = {c["definition"].key for c in entry[name] if c["on"]}
        same = isinstance(value, list) and set(value) == shown
        kept[name] = KEEP if entry[f"{name}_shipped"] and same else value
    return kept


@allowed(may_administer)
def rights_page(request):
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        group = get_object_or_404(Group, pk=request.POST.get("group") or 0)
        chosen = {kind: request.POST.getlist(kind) for kind in KINDS}
        own = request.POST.getlist("own") if request.POST.get("own_shown") else KEEP
        # The form lists the processes (start_shown); no box ticked starts none of them.
        start = request.POST.getlist("start") if request.POST.get("start_shown") else KEEP
        if request.POST.get("start_from_diagrams"):
            start = None
        watch = request.POST.getlist("monitor") if request.POST.get("monitor_shown") else KEEP
        if request.POST.get("monitor_default"):
            watch = None
        processes = _unless_unchanged(group, {"start": start, "monitor": watch})
        try:
            group_access_set(group=group, rights=chosen, own=own, by=request.user, **processes)
        except ValidationError as exc:
            errors[group.pk] = exc.messages
        else:
            messages.success(request, _("The rights of %(group)s are saved.") % {"group": group})
            return redirect(f"{request.path}#group-{group.pk}")
    groups = [
        {
            **e,
            "rows": _rows(e["rights"]),
            "own_rows": [
                {"kind": kind, "label": label, "on": kind in e["own"]}
                for kind, label in OWN_KINDS.items()
            ],
            "errors": errors.get(e["group"].pk, []),
        }
        for e in groups_with_rights()
    ]
    return render(
        request, "web/rights/index.html", {"groups": groups}, status=400 if errors else 200
    )
