"""A diagram's owner marks a process "notify on end" on its page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import NotFound
from processes.access.pages import allowed
from processes.access.rights import may_model
from processes.notifications.services import end_notice_set
from processes.process_words import process_word


@require_POST
@allowed(may_model)
def end_notice(request, key: str):
    on = request.POST.get("on") == "1"
    try:
        end_notice_set(user=request.user, process_key=key, on=on)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    name = process_word(request.POST.get("name", "")) or key
    if on:
        text = _("Each case of “%(name)s” now tells who started it when it ends.")
    else:
        text = _("The cases of “%(name)s” no longer tell anyone when they end.")
    messages.success(request, text % {"name": name})
    return redirect("web:process", key=key)
