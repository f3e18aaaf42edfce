"""Moving running cases of a process from one version to another (managers and process
owners): pick the versions, map renamed steps, see which cases can move, move them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from engine.exceptions import EngineError, InvalidData
from engine.models import ProcessInstance
from engine.services.batches import batch_create
from engine.services.migration import (
    MigrationRefused,
    blocker_message,
    element_names,
    instance_label,
    instances_migrate,
    migration_plan,
)
from engine.services.permissions import batch_refusal
from web.access import migration_page as migration_right
from web.selectors.processes import versions_of
from web.selectors.versions import version_of

MAP_PREFIX = "map_"


def _mapping(params) -> dict[str, str]:
    return {
        name[len(MAP_PREFIX) :]: value
        for name, value in params.items()
        if name.startswith(MAP_PREFIX) and value
    }


def _query(source, target, mapping: dict[str, str]) -> str:
    pairs = {"from": source, "to": target} | {MAP_PREFIX + k: v for k, v in mapping.items()}
    return urlencode(pairs)


def _error_text(error: EngineError) -> str:
    if isinstance(error, InvalidData):
        details = " ".join(" ".join(found) for found in error.errors.values())
        return f"{error.message} {details}"
    return error.message


@migration_right
@require_http_methods(["GET", "POST"])
def migration_page(request, key: str):
    versions = versions_of(key)
    latest = versions[-1]
    params = request.POST if request.method == "POST" else request.GET
    older = [v for v in versions if v.running and v.pk != latest.pk]
    default_from = older[-1].version if older else versions[0].version
    source = version_of(key, params.get("from") or default_from)
    target = version_of(key, params.get("to") or latest.version)
    mapping = _mapping(params)
    if request.method == "POST":
        return _migrate(request, key, source, target, mapping, params)
    context = {
        "latest": latest,
        "versions": list(reversed(versions)),
        "source": source,
        "target": target,
        "mapping": mapping,
        "plan": None,
        "error": "",
        "may_batch": batch_refusal(request.user) is None,
    }
    if source.pk != target.pk:
        try:
            plan = migration_plan(
                user=request.user,
                key=key,
                from_version=source.version,
                to_version=target.version,
                mapping=mapping,
            )
        except EngineError as error:
            context["error"] = _error_text(error)
        else:
            old, new = element_names(source), element_names(target)
            context["plan"] = plan
            context["rows"] = [
                {
                    "instance": check.instance,
                    "label": instance_label(check.instance),
                    "reasons": [blocker_message(b, target) for b in check.blockers],
                }
                for check in plan.checks
            ]
            context["missing"] = [
                {
                    "id": element_id,
                    "name": name,
                    "chosen": mapping.get(element_id) or plan.suggestions.get(element_id, ""),
                    "suggested": element_id in plan.suggestions,
                }
                for element_id, name in sorted(old.items(), key=lambda item: item[1])
                if element_id not in new
            ]
            context["target_elements"] = sorted(new.items(), key=lambda item: item[1])
    return render(request, "web/processes/migrate.html", context)


def _migrate(request, key, source, target, mapping, params):
    chosen = [int(pk) for pk in params.getlist("instances") if pk.isdigit()]
    move_all = params.get("all") == "1"
    back = (
        reverse("web:process-migrate", args=[key])
        + "?"
        + _query(source.version, target.version, mapping)
    )
    if params.get("all") == "background":
        return _in_background(request, key, source, target, mapping, back)
    if not move_all and not chosen:
        messages.error(request, _("Choose the cases to move."))
        return redirect(back)
    try:
        result = instances_migrate(
            user=request.user,
            key=key,
            from_version=source.version,
            to_version=target.version,
            mapping=mapping,
            instance_ids=None if move_all else chosen,
        )
    except MigrationRefused as error:
        for refusal in error.refused:
            messages.error(request, str(refusal["message"]))
        return redirect(back)
    except EngineError as error:
        messages.error(request, _error_text(error))
        return redirect(back)
    if result.moved:
        messages.success(
            request,
            ngettext(
                "%(count)s case moved to v%(version)s.",
                "%(count)s cases moved to v%(version)s.",
                len(result.moved),
            )
            % {"count": len(result.moved), "version": target.version},
        )
    for _instance, message in result.refused:
        messages.warning(request, message)
    return redirect(back)


def _in_background(request, key, source, target, mapping, back):
    """Every case on the older version, moved by the workers as a batch (managers): the
    batch page follows the progress and names the cases that could not move."""
    try:
        batch = batch_create(
            user=request.user,
            operation="migrate",
            instances=ProcessInstance.objects.filter(definition__key=key),
            selection={"definition": key, "version": str(source.version)},
            migration={
                "process": key,
                "from_version": source.version,
                "to_version": target.version,
                "mapping": mapping,
            },
        )
    except EngineError as error:
        messages.error(request, _error_text(error))
        return redirect(back)
    return redirect("web:batch", pk=batch.pk)
