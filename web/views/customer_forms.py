"""The forms of the customer page — logging a contact, an address (added or changed), a
contact person — and what their views share: a service's field errors shown under the
fields, and the way back to the page's card."""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from engine.exceptions import InvalidData
from processes.company.selectors import company_details
from processes.crm.addresses import country_choices
from processes.crm.models import Address, Interaction, Party

KINDS = {
    Interaction.Kind.CALL: gettext_lazy("Call"),
    Interaction.Kind.MEETING: gettext_lazy("Meeting"),
    Interaction.Kind.EMAIL: gettext_lazy("E-mail"),
    Interaction.Kind.NOTE: gettext_lazy("Note"),
}
ADDRESS_FIELDS = ["kind", "street", "postal_code", "city", "country", "is_default"]


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What"), choices=list(KINDS.items()))
    contact = forms.TypedChoiceField(
        label=gettext_lazy("With"), required=False, coerce=int, empty_value=None
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, party: Party, **kwargs):
        super().__init__(*args, **kwargs)
        self.party = party
        self.fields["contact"].choices = [("", _("Nobody in particular"))] + [
            (contact.pk, contact.name) for contact in party.contacts.all()
        ]


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

    def __init__(self, *args, address: Address | None = None, **kwargs):
        if address is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {name: getattr(address, name) for name in ADDRESS_FIELDS}
        super().__init__(*args, **kwargs)
        self.address = address
        self.fields["country"].choices = country_choices()
        if address is None:
            self.fields["country"].initial = company_details().country or "DE"


class ContactForm(forms.Form):
    prefix = "contact"  # beside the page's other forms

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    job_title = forms.CharField(label=gettext_lazy("Job title"), max_length=100, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=50, required=False)


def show_service_errors(form: forms.Form, error: InvalidData) -> None:
    """A service's refusal under the fields it names (the form's own top for the others)."""
    for field, problems in error.errors.items():
        target = field if field in form.fields else None
        for problem in problems:
            form.add_error(target, problem)


def back_to(party: Party, card: str):
    """Back to a card of the customer's page: `#addresses`, `#contacts` …"""
    return redirect(f"{reverse('web:customer', args=[party.pk])}#{card}")
