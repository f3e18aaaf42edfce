"""A process's version history, the diff of two versions, and rolling back to one."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import Conflict, EngineError, NotFound
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import COMMENT_MAX
from engine.services.versions import definition_rollback
from web.access import can_migrate, can_model, process_owner_page, processes_page
from web.selectors.processes import versions_of
from web.selectors.versions import version_diff, version_of


def _history(request, key: str, *, error: str = "", status: int = 200):
    versions = versions_of(key)
    latest = versions[-1]
    return render(
        request,
        "web/processes/versions.html",
        {
            "latest": latest,
            "versions": list(reversed(versions)),
            "can_model": can_model(request.user),
            "can_migrate": can_migrate(request.user),
            "error": error,
        },
        status=status,
    )


@processes_page
@require_GET
def version_history(request, key: str):
    return _history(request, key)


@processes_page
@require_GET
def version_compare(request, key: str):
    """?from=N&to=M; without them the latest version against the one before it."""
    versions = versions_of(key)
    after = version_of(key, request.GET.get("to") or versions[-1].version)
    before_number = request.GET.get("from")
    if not before_number:
        before_number = after.version - 1 if after.version > 1 else after.version
    before = version_of(key, before_number)
    return render(
        request,
        "web/processes/diff.html",
        {
            "latest": versions[-1],
            "versions": list(reversed(versions)),
            "before": before,
            "after": after,
            "diff": version_diff(before, after),
        },
    )


@process_owner_page
@require_POST
def version_rollback(request, key: str, version: int):
    comment = request.POST.get("comment", "")
    if len(comment.strip()) > COMMENT_MAX:
        error = _("The comment is %(length)s characters long; at most %(limit)s are kept.") % {
            "length": len(comment.strip()),
            "limit": COMMENT_MAX,
        }
        return _history(request, key, error=error, status=400)
    try:
        restored = definition_rollback(key=key, version=version, user=request.user, comment=comment)
    except Conflict:
        error = _("The latest version already has the content of v%(version)s.") % {
            "version": version
        }
        return _history(request, key, error=error, status=409)
    except NotFound:
        return _history(request, key, error=_("This process has no such version."), status=404)
    except (DeploymentInvalid, EngineError) as exc:
        message = exc.problems[0].message if isinstance(exc, DeploymentInvalid) else exc.message
        return _history(request, key, error=message, status=getattr(exc, "status_code", 400))
    messages.success(
        request,
        _("v%(version)s has the content of v%(earlier)s; new cases start on it.")
        % {"version": restored.version, "earlier": version},
    )
    return redirect(reverse("web:process-versions", args=[key]))
