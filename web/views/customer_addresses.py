"""A customer's addresses on its page: add one (billing or delivery, the first of a kind or
one marked default being what documents print), remove one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from engine.exceptions import InvalidData
from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.company.selectors import company_details
from processes.crm.addresses import address_add, address_remove, country_choices
from processes.crm.models import Address
from web.views.customers import InteractionForm, detail_page, seen_parties


class AddressForm(forms.Form):
    prefix = "address"  # beside the page's other forms (its kind is not the log's kind)

    kind = forms.ChoiceField(
        label=gettext_lazy("For"),
        choices=[
            (Address.Kind.BILLING, pgettext_lazy("address kind", "Billing")),
            (Address.Kind.DELIVERY, pgettext_lazy("address kind", "Delivery")),
        ],
    )
    street = forms.CharField(
        label=gettext_lazy("Street and number"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    postal_code = forms.CharField(label=gettext_lazy("Postcode"), max_length=20, required=False)
    city = forms.CharField(label=gettext_lazy("Town or city"), max_length=100)
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    is_default = forms.BooleanField(
        label=gettext_lazy("Print it on documents (the default of its kind)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["country"].initial = company_details().country or "DE"


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
            for field, found in error.errors.items():
                form.add_error(field if field in form.fields else None, found)
        else:
            messages.success(request, _("Address added to %(name)s.") % {"name": party.name})
            return redirect(f"{party_url(party)}#addresses")
    return detail_page(request, party, InteractionForm(party=party), 400, address_form=form)


@record_page("customers", WRITE)
@require_POST
def address_delete(request, pk: int, address_id: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    address = get_object_or_404(Address, pk=address_id, party=party)
    address_remove(address=address)
    messages.success(request, _("Address removed from %(name)s.") % {"name": party.name})
    return redirect(f"{party_url(party)}#addresses")


def party_url(party) -> str:
    return reverse("web:customer", args=[party.pk])
