"""Importing customers and suppliers from a CSV file on a page: check first (each problem
named by line and column), import all or nothing (processes.crm.imports)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.crm.imports import COLUMNS, ImportProblem, ImportResult, parties_import

MAX_BYTES = 10 * 1024 * 1024
PREVIEW = 20


@record_page("customers", WRITE)
@require_http_methods(["GET", "POST"])
def customer_import(request):
    context = {"columns": COLUMNS, "result": None}
    if request.method == "GET":
        return render(request, "web/customers/import.html", context)
    upload = request.FILES.get("file")
    dry_run = "check" in request.POST
    if upload is None:
        result = ImportResult(problems=[ImportProblem(1, "", _("Choose a CSV file first."))])
    elif upload.size > MAX_BYTES:
        result = ImportResult(problems=[ImportProblem(1, "", _("The file is larger than 10 MB."))])
    else:
        try:
            result = parties_import(content=upload.read(), dry_run=dry_run)
        except UnicodeDecodeError:
            result = ImportResult(problems=[ImportProblem(1, "", _("The file is not UTF-8 text."))])
    if result.valid and not dry_run:
        messages.success(
            request,
            ngettext(
                "%(count)s customer or supplier imported.",
                "%(count)s customers and suppliers imported.",
                result.created,
            )
            % {"count": result.created},
        )
        return redirect("web:customers")
    context.update(
        result=result,
        preview=result.rows[:PREVIEW],
        checked=dry_run,
        problems=result.problems[:500],
        more_problems=max(0, len(result.problems) - 500),
    )
    return render(
        request, "web/customers/import.html", context, status=200 if result.valid else 400
    )
