"""The notifications page, the bell's live count, mark read (the bell sits in the top bar)."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import NotFound
from processes.access.pages import allowed
from processes.notifications.selectors import latest_for, text_of, unread_count
from processes.notifications.services import mark_all_read, mark_read


def _signed_in(user) -> bool:
    return user.is_authenticated


@require_GET
@allowed(_signed_in)
def notification_list(request):
    rows = [(n, text_of(n)) for n in latest_for(request.user)]
    return render(
        request,
        "notifications/list.html",
        {"rows": rows, "unread": unread_count(request.user)},
    )


@require_GET
@allowed(_signed_in)
def bell(request):
    return render(request, "notifications/_bell.html", {"unread": unread_count(request.user)})


@require_POST
@allowed(_signed_in)
def read(request, pk):
    """Mark it read, then open what it is about."""
    try:
        notification = mark_read(user=request.user, notification_id=pk)
    except NotFound as error:
        raise Http404(error.message) from error
    link = notification.link
    if not url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        link = reverse("notifications:list")
    return HttpResponseRedirect(link or reverse("notifications:list"))


@require_POST
@allowed(_signed_in)
def read_all(request):
    mark_all_read(user=request.user)
    return HttpResponseRedirect(reverse("notifications:list"))
