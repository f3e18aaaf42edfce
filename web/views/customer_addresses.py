"""A customer's addresses on its page: add one (billing or delivery, the first of a kind or
one marked default being what documents print), change one in place, remove one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engine.exceptions import InvalidData
from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.crm.addresses import address_add, address_remove, address_update
from processes.crm.models import Address
from web.views.customer_forms import AddressForm, InteractionForm, back_to, show_service_errors
from web.views.customers import detail_page, seen_parties


@record_page("customers", WRITE)
@require_POST
def address_new(request, pk: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    form = AddressForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            address_add(party=party, **{**data, "is_default": data["is_default"] or None})
        except InvalidData as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Address added to %(name)s.") % {"name": party.name})
            return back_to(party, "addresses")
    return detail_page(request, party, InteractionForm(party=party), 400, address_form=form)


@record_page("customers", WRITE)
@require_http_methods(["GET", "POST"])
def address_edit(request, pk: int, address_id: int):
    """GET: the customer's page with this address's form open and filled; POST: save it."""
    party = get_object_or_404(seen_parties(request), pk=pk)
    address = get_object_or_404(Address, pk=address_id, party=party)
    log = InteractionForm(party=party)
    if request.method == "GET":
        return detail_page(request, party, log, editing=address)
    form = AddressForm(request.POST, address=address)
    if form.is_valid():
        try:
            address_update(address=address, **form.cleaned_data)
        except InvalidData as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Address of %(name)s changed.") % {"name": party.name})
            return back_to(party, "addresses")
    address.refresh_from_db()  # the page lists it as it is stored, not as typed
    return detail_page(request, party, log, 400, address_form=form, editing=address)


@record_page("customers", WRITE)
@require_POST
def address_delete(request, pk: int, address_id: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    address = get_object_or_404(Address, pk=address_id, party=party)
    address_remove(address=address)
    messages.success(request, _("Address removed from %(name)s.") % {"name": party.name})
    return back_to(party, "addresses")
