"""Catalogue pages: the products with their stock, and one product with its prices, stock
per warehouse, reorder rules and ledger."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError, InvalidData
from processes.access import may
from processes.access.pages import record_page
from processes.access.rights import READ, WRITE
from processes.catalog.models import Product
from processes.inventory.models import Warehouse
from processes.inventory.services import reorder_rule_set
from web.exports import download, wanted
from web.selectors.catalogue import (
    CURRENCY,
    MOVE_KINDS,
    PRODUCT_KINDS,
    PRODUCT_SORTS,
    ProductFilters,
    product_page,
    product_rows,
    product_search,
)
from web.views.common import is_htmx
from web.views.stock import CHOOSE, CountForm, TransferForm

PAGE_SIZE = 50
QUANTITY = {"max_digits": 14, "decimal_places": 3, "min_value": Decimal("0")}


class ReorderForm(forms.Form):
    warehouse = forms.ModelChoiceField(
        label=gettext_lazy("Warehouse"),
        queryset=Warehouse.objects.filter(is_active=True),
        empty_label=CHOOSE,
    )
    min_qty = forms.DecimalField(label=gettext_lazy("Reorder below"), **QUANTITY)
    max_qty = forms.DecimalField(label=gettext_lazy("Fill up to"), **QUANTITY)

    def clean(self):
        data = super().clean()
        low, high = data.get("min_qty"), data.get("max_qty")
        if low is not None and high is not None and high < low:
            self.add_error("max_qty", _("The maximum must not be below the minimum."))
        return data


@record_page("products")
@require_GET
def product_list(request):
    filters = ProductFilters.from_query(request.GET)
    fmt = wanted(request)
    if fmt:
        header, rows = product_rows(product_search(filters))
        return download(fmt, "products", header, rows)
    page = Paginator(product_search(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "list_name": "product",
        "filters": filters,
        "page": page,
        "kinds": PRODUCT_KINDS,
        "sort_choices": PRODUCT_SORTS,
        "currency": CURRENCY,
        "may_stock": may(request.user, READ, "stock"),
        "may_import": may(request.user, WRITE, "products"),
    }
    template = "web/catalogue/_products.html" if is_htmx(request) else "web/catalogue/products.html"
    return render(request, template, context)


def product_detail_page(
    request, product: Product, *, reorder=None, transfer=None, count=None, status: int = 200
):
    may_stock = may(request.user, WRITE, "stock")
    initial = {"product": product}
    context = {
        "product": product,
        "kind_label": PRODUCT_KINDS.get(product.kind, product.kind),
        "move_kinds": MOVE_KINDS,
        "currency": CURRENCY,
        "may_stock": may_stock,
        "may_prices": may(request.user, READ, "prices"),
        "reorder_form": reorder or ReorderForm(),
        "transfer_form": transfer or TransferForm(initial=initial),
        "count_form": count or CountForm(initial=initial),
        "here": request.path,
        **product_page(product),
    }
    return render(request, "web/catalogue/product.html", context, status=status)


@record_page("products")
@require_GET
def product_detail(request, pk: int):
    product = get_object_or_404(Product.objects.select_related("default_supplier"), pk=pk)
    return product_detail_page(request, product)


@record_page("stock", WRITE)
@require_POST
def product_reorder(request, pk: int):
    """Set the reorder rule of the product in a warehouse (min and max)."""
    product = get_object_or_404(Product, pk=pk)
    form = ReorderForm(request.POST)
    if form.is_valid():
        try:
            reorder_rule_set(product=product, **form.cleaned_data)
        except InvalidData as error:
            for field, problems in error.errors.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        except EngineError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The reorder rule is saved."))
            return redirect("web:product", pk=product.pk)
    return product_detail_page(request, product, reorder=form, status=400)
