"""The comment and file forms of the task and case pages (the services ask who may)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError
from processes.access.pages import allowed
from processes.collab.api_attachments import download_response
from processes.collab.attachments import attachment_add, attachment_for_download
from processes.collab.comments import comment_post, comment_remove


def _signed_in(user) -> bool:
    return user.is_authenticated


def _back(request, anchor: str) -> HttpResponseRedirect:
    """Back to the page the form was on (one of this site's), at the comment."""
    page = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        page = "/"
    return HttpResponseRedirect(page.split("#")[0] + anchor)


@require_POST
@allowed(_signed_in)
def post(request):
    try:
        comment = comment_post(
            user=request.user,
            target=request.POST.get("target", ""),
            body=request.POST.get("body", ""),
        )
    except EngineError as exc:
        messages.error(request, exc.message)
        return _back(request, "#comments")
    return _back(request, f"#comment-{comment.pk}")


@require_POST
@allowed(_signed_in)
def remove(request, pk: int):
    try:
        comment_remove(user=request.user, comment_id=pk)
    except EngineError as exc:
        messages.error(request, exc.message)
    return _back(request, f"#comment-{pk}")


@require_POST
@allowed(_signed_in)
def attach(request):
    try:
        attachment = attachment_add(
            user=request.user,
            target=request.POST.get("target", ""),
            upload=request.FILES.get("file"),
        )
    except EngineError as exc:
        messages.error(request, exc.message)
        return _back(request, "#attachments")
    messages.success(request, _("%(name)s is attached.") % {"name": attachment.name})
    return _back(request, "#attachments")


@require_GET
@allowed(_signed_in)
def download(request, pk: int):
    try:
        attachment = attachment_for_download(user=request.user, attachment_id=pk)
    except EngineError as exc:
        raise Http404(exc.message) from exc
    return download_response(attachment)
