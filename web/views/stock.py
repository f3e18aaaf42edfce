"""The stock page (per product × warehouse), and moving stock by hand: a transfer between
warehouses, a count that becomes an adjustment with its reason. Both are the inventory
services (the same as POST /api/stock-transfers/ and /api/stock-counts/)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError, InvalidData
from processes.access import may
from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.catalog.models import Product
from processes.inventory.api_moves import count_reference
from processes.inventory.models import Warehouse
from processes.inventory.services import stock_count, stock_transfer
from web.exports import download, wanted
from web.selectors.catalogue import StockFilters, stock_levels, stock_rows
from web.templatetags.workspace import plain_quantity
from web.views.common import is_htmx, safe_next

PAGE_SIZE = 100
CHOOSE = gettext_lazy("Choose…")
STEP = {"max_digits": 14, "decimal_places": 3}


def _products():
    return Product.objects.filter(is_active=True).order_by("sku")


def _warehouses():
    return Warehouse.objects.filter(is_active=True).order_by("code")


class TransferForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=_products(), empty_label=CHOOSE
    )
    source = forms.ModelChoiceField(
        label=gettext_lazy("From"), queryset=_warehouses(), empty_label=CHOOSE
    )
    destination = forms.ModelChoiceField(
        label=gettext_lazy("To"), queryset=_warehouses(), empty_label=CHOOSE
    )
    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity"), min_value=Decimal("0.001"), **STEP
    )
    reference = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("destination"):
            self.add_error("destination", _("Choose another warehouse than the one it leaves."))
        return data


class CountForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=_products(), empty_label=CHOOSE
    )
    warehouse = forms.ModelChoiceField(
        label=gettext_lazy("Warehouse"), queryset=_warehouses(), empty_label=CHOOSE
    )
    counted = forms.DecimalField(
        label=gettext_lazy("Counted quantity"), min_value=Decimal("0"), **STEP
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=180)


def _stock_page(request, *, transfer=None, count=None, status: int = 200):
    filters = StockFilters.from_query(request.GET)
    page = Paginator(stock_levels(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "list_name": "stock",
        "list_url": "/stock/",
        "filters": filters,
        "page": page,
        "warehouses": list(_warehouses()),
        "may_move": may(request.user, WRITE, "stock"),
        "transfer_form": transfer or TransferForm(),
        "count_form": count or CountForm(),
        "here": request.path,
    }
    template = "web/catalogue/_stock.html" if is_htmx(request) else "web/catalogue/stock.html"
    return render(request, template, context, status=status)


@record_page("stock")
@require_GET
def stock_list(request):
    fmt = wanted(request)
    if fmt:
        header, rows = stock_rows(stock_levels(StockFilters.from_query(request.GET)))
        return download(fmt, "stock", header, rows)
    return _stock_page(request)


def _refusal(form: forms.Form, error: EngineError) -> int:
    """Put a service's refusal on the form; the answer's status."""
    if isinstance(error, InvalidData):
        for field, problems in error.errors.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        form.add_error(None, error.message)
    return error.status_code


def _back(request, form, status, **forms_):
    """A refused move: the page it came from (a product's or the stock page), with errors."""
    target = safe_next(request, "/stock/")
    if target.startswith("/products/"):
        from web.views.catalogue import product_detail_page

        product = form.cleaned_data.get("product") if hasattr(form, "cleaned_data") else None
        if product is not None:
            return product_detail_page(request, product, status=status, **forms_)
    return _stock_page(request, status=status, **forms_)


@record_page("stock", WRITE)
@require_POST
def stock_transfer_view(request):
    form = TransferForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            stock_transfer(**data, user=request.user)
        except EngineError as error:
            status = _refusal(form, error)
        else:
            messages.success(
                request,
                _("%(quantity)s × %(product)s moved from %(source)s to %(destination)s.")
                % {
                    "quantity": plain_quantity(data["quantity"]),
                    "product": data["product"].name,
                    "source": data["source"].name,
                    "destination": data["destination"].name,
                },
            )
            return redirect(safe_next(request, "/stock/"))
    return _back(request, form, status, transfer=form)


@record_page("stock", WRITE)
@require_POST
def stock_count_view(request):
    form = CountForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            move = stock_count(
                product=data["product"],
                warehouse=data["warehouse"],
                counted=data["counted"],
                reference=count_reference(data["reason"]),
                user=request.user,
            )
        except EngineError as error:
            status = _refusal(form, error)
        else:
            if move is None:
                messages.info(request, _("The count matches the stock: nothing to adjust."))
            else:
                messages.success(
                    request,
                    _("Stock of %(product)s in %(warehouse)s adjusted by %(change)s.")
                    % {
                        "product": data["product"].name,
                        "warehouse": data["warehouse"].name,
                        "change": plain_quantity(move.quantity, signed=True),
                    },
                )
            return redirect(safe_next(request, "/stock/"))
    return _back(request, form, status, count=form)
