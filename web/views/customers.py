"""Customer pages: the searchable list, one customer with all about them, logging a contact."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from processes.access import may, may_read_audit, parties_for
from processes.access.pages import record_page
from processes.access.rights import READ, WRITE
from processes.crm.models import Address, Party
from processes.crm.services import interaction_log
from web.exports import download, wanted
from web.paging import CappedPaginator
from web.selectors.customer_cases import customer_cases, order_process
from web.selectors.customers import (
    ROLES,
    SORTS,
    CustomerFilters,
    customer_page,
    customer_rows,
    customer_search,
    party_owners,
    party_tags,
)
from web.views.common import is_htmx
from web.views.customer_forms import AddressForm, ContactForm, InteractionForm

PAGE_SIZE = 50


@record_page("customers")
@require_GET
def customer_list(request):
    filters = CustomerFilters.from_query(request.GET)
    fmt = wanted(request)
    if fmt:
        header, rows = customer_rows(customer_search(filters, request.user))
        return download(fmt, "customers", header, rows)
    page = CappedPaginator(customer_search(filters, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "list_name": "customer",
        "filters": filters,
        "page": page,
        "roles": ROLES,
        "owners": party_owners(),
        "tags": party_tags(),
        "sort_choices": SORTS,
        "may_write": may(request.user, WRITE, "customers"),
    }
    template = "web/customers/_list.html" if is_htmx(request) else "web/customers/index.html"
    return render(request, template, context)


def seen_parties(request):
    """The customers and suppliers the person sees (any other is a 404)."""
    return parties_for(request.user, Party.objects.select_related("price_list", "owner"))


def detail_page(
    request,
    party: Party,
    form: InteractionForm,
    status: int = 200,
    address_form: AddressForm | None = None,
    contact_form: ContactForm | None = None,
    editing: Address | None = None,
):
    """The customer's page; a form given is shown with what was typed and its errors, and
    `editing` opens the form of that address, filled, in place of the new-address form."""
    context = {
        "party": party,
        "form": form,
        "address_form": address_form or AddressForm(address=editing),
        "editing": editing,
        "contact_form": contact_form or ContactForm(),
        "may_write": may(request.user, WRITE, "customers"),
        "may_invoices": may(request.user, READ, "invoices"),
        "may_audit": may_read_audit(request.user),
        "may_order": party.is_customer and party.is_active and order_process(request.user),
        "cases": customer_cases(party),
        **customer_page(party, request.user),
    }
    return render(request, "web/customers/detail.html", context, status=status)


@record_page("customers")
@require_GET
def customer_detail(request, pk: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    return detail_page(request, party, InteractionForm(party=party))


@record_page("customers", WRITE)
@require_POST
def customer_log(request, pk: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    form = InteractionForm(request.POST, party=party)
    if form.is_valid():
        contact_id = form.cleaned_data["contact"]
        contact = party.contacts.get(pk=contact_id) if contact_id else None
        try:
            interaction_log(
                party=party,
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
                contact=contact,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Logged on %(name)s's timeline.") % {"name": party.name})
            return redirect("web:customer", pk=party.pk)
    return detail_page(request, party, form, status=400)
