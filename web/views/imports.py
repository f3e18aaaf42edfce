"""Importing a spreadsheet on a page: check first (each problem named by its line and
column), then import all or nothing — customers and suppliers (processes.crm.imports),
products with their prices (processes.catalog.imports)."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.catalog import imports as product_imports
from processes.common.tables import ImportProblem, ImportResult, UnreadableFile
from processes.crm import imports as party_imports
from web.selectors.catalogue import CURRENCY, PRODUCT_KINDS

MAX_BYTES = 10 * 1024 * 1024
PREVIEW = 20
SHOWN_PROBLEMS = 500


def import_page(request, *, run, columns, template: str, done, then: str, extra=None):
    """GET: the form. POST: `run(content=, dry_run=)` on the file; a good import says
    `done(result)` and goes to `then`, anything else shows the preview or the problems."""
    context = {"columns": columns, "result": None, **(extra or {})}
    if request.method == "GET":
        return render(request, template, context)
    upload = request.FILES.get("file")
    dry_run = "check" in request.POST
    if upload is None:
        result = ImportResult(
            problems=[ImportProblem(1, "", _("Choose a CSV or XLSX file first."))]
        )
    elif upload.size > MAX_BYTES:
        result = ImportResult(problems=[ImportProblem(1, "", _("The file is larger than 10 MB."))])
    else:
        try:
            result = run(content=upload.read(), dry_run=dry_run)
        except UnreadableFile as error:
            result = ImportResult(problems=[ImportProblem(1, "", str(error))])
    if result.valid and not dry_run:
        messages.success(request, done(result))
        return redirect(then)
    context.update(
        result=result,
        preview=result.rows[:PREVIEW],
        checked=dry_run,
        problems=result.problems[:SHOWN_PROBLEMS],
        more_problems=max(0, len(result.problems) - SHOWN_PROBLEMS),
    )
    return render(request, template, context, status=200 if result.valid else 400)


@record_page("customers", WRITE)
@require_http_methods(["GET", "POST"])
def customer_import(request):
    return import_page(
        request,
        run=partial(party_imports.parties_import, user=request.user),
        columns=party_imports.COLUMNS,
        template="web/customers/import.html",
        done=lambda result: (
            ngettext(
                "%(count)s customer or supplier imported.",
                "%(count)s customers and suppliers imported.",
                result.created,
            )
            % {"count": result.created}
        ),
        then="web:customers",
    )


@record_page("products", WRITE)
@require_http_methods(["GET", "POST"])
def product_import(request):
    return import_page(
        request,
        run=product_imports.products_import,
        columns=product_imports.COLUMNS,
        template="web/catalogue/import.html",
        done=lambda result: (
            _("Imported: %(created)s new, %(updated)s updated, %(prices)s prices.")
            % {"created": result.created, "updated": result.updated, "prices": result.prices}
        ),
        then="web:products",
        extra={"kinds": PRODUCT_KINDS, "currency": CURRENCY},
    )
