"""The audit page: who changed which record, what and when (managers and administrators);
?target=product:12 shows one record's history, ?actor=alice one person's changes."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from processes.access.pages import allowed
from processes.access.rights import may_read_audit
from processes.audit.selectors import as_entry, entries

PAGE_SIZE = 50


@allowed(may_read_audit)
def audit_page(request):
    target = request.GET.get("target", "").strip()
    actor = request.GET.get("actor", "").strip()
    error = ""
    try:
        rows = entries(target=target, actor=actor)
    except ValidationError as exc:
        error, rows = exc.messages[0], entries()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [as_entry(entry) for entry in page.object_list],
        "target": target,
        "actor": actor,
        "error": error,
        "filtered": bool(target or actor),
    }
    return render(request, "web/audit/index.html", context, status=400 if error else 200)
