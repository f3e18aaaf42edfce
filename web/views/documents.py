"""Document pages: the lists of quotations, sales orders, invoices, payments, purchase
orders, manufacturing orders and shipments (filters, paging, CSV/XLSX), one document with
its lines, its status axes, its PDF and the process that drives it; "New order" starts
order-to-cash."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError
from engine.services.case_start import case_start_for
from processes.access import may
from processes.access.pages import record_page
from processes.access.rights import READ
from web.exports import download, wanted
from web.paging import CappedPaginator
from web.selectors.customer_cases import ORDER_PROCESS, order_process
from web.selectors.documents import (
    KINDS,
    STATUSES,
    DocFilters,
    document_case,
    document_rows,
    document_search,
    documents_seen,
)
from web.views.common import is_htmx

PAGE_SIZE = 50


def _kind(key: str):
    try:
        return KINDS[key]
    except KeyError:
        raise Http404


def _list(request, key: str):
    kind = _kind(key)
    filters = DocFilters.from_query(request.GET, kind)
    fmt = wanted(request)
    if fmt:
        header, rows = document_rows(kind, document_search(kind, filters, request.user))
        return download(fmt, key, header, rows)
    documents = document_search(kind, filters, request.user)
    page = CappedPaginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [kind.row(doc) for doc in page.object_list]
    context = {
        "list_name": "document",
        "kind": kind,
        "filters": filters,
        "page": page,
        "rows": rows,
        "statuses": STATUSES[kind.statuses],
        "all_statuses": STATUSES,
        "may_order": key == "orders" and order_process(request.user) is not None,
        "may_customers": may(request.user, READ, "customers"),
    }
    name = "_list.html" if is_htmx(request) else "list.html"
    return render(request, f"web/documents/{name}", context)


def _detail(request, key: str, pk: int):
    kind = _kind(key)
    document = get_object_or_404(documents_seen(kind, request.user), pk=pk)
    context = {
        "kind": kind,
        "doc": document,
        "party": kind.party(document),
        "currency": kind.currency(document),
        "statuses": STATUSES,
        "case": document_case(kind.owner(document)),
        "may_customers": may(request.user, READ, "customers"),
        "may_invoices": may(request.user, READ, "invoices"),
        "may_orders": may(request.user, READ, "orders"),
        "may_quotations": may(request.user, READ, "quotations"),
    }
    return render(request, f"web/documents/{key.replace('-', '_')}.html", context)


def _pages(key: str):
    right = KINDS[key].right

    @record_page(right)
    @require_GET
    def document_list(request):
        return _list(request, key)

    @record_page(right)
    @require_GET
    def document_detail(request, pk: int):
        return _detail(request, key, pk)

    return document_list, document_detail


PAGES = {key: _pages(key) for key in KINDS}


@record_page("orders")
@require_POST
def order_new(request):
    """ "New order": order-to-cash started for me, its first task (the order entry) opened."""
    if order_process(request.user) is None:
        messages.error(request, _("Your groups may not start orders."))
        return redirect("web:documents-orders")
    try:
        _instance, task = case_start_for(user=request.user, definition_key=ORDER_PROCESS)
    except EngineError as error:
        messages.error(request, error.message)
        return redirect("web:documents-orders")
    if task is None:
        return redirect("web:inbox")
    return redirect("web:task", pk=task.pk)
