"""Start a case from the pages: the inbox's "New …" menu opens its first task at once."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError
from engine.services.case_start import case_start_for
from processes.process_words import process_word
from web.access import employee_page


@employee_page
@require_POST
def case_start_view(request, key: str):
    try:
        instance, task = case_start_for(user=request.user, definition_key=key)
    except EngineError as exc:
        messages.error(request, exc.message)
        return redirect("web:inbox")
    name = process_word(instance.definition.name) or instance.definition.key
    if task is not None:
        messages.success(request, _("A new “%(process)s” case has started.") % {"process": name})
        return redirect("web:task", pk=task.pk)
    messages.success(
        request,
        _("A new “%(process)s” case has started; its first step is not yours.") % {"process": name},
    )
    return redirect("web:inbox")
