"""Creating and editing a customer or supplier, and making an order from their page.

The forms check the input on the server; the crm services check it again and their
field errors are shown next to the fields. Nothing is stored while any field is wrong.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from engine.exceptions import EngineError, InvalidData
from engine.services.case_start import case_start_for
from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.catalog.models import PriceList
from processes.crm.models import ContactChannel, Party
from processes.crm.services import contact_create, party_create, party_update
from web.selectors.customer_cases import ORDER_PROCESS, order_process
from web.views.customer_forms import InteractionForm, show_service_errors
from web.views.customers import detail_page, seen_parties

KIND_CHOICES = [
    (Party.Kind.COMPANY, gettext_lazy("Company")),
    (Party.Kind.PERSON, gettext_lazy("Person")),
]
EXEMPTION_CHOICES = [
    (Party.TaxExemption.NONE, gettext_lazy("None: taxed as usual")),
    (Party.TaxExemption.EXPORT, gettext_lazy("Export")),
    (Party.TaxExemption.REVERSE_CHARGE, gettext_lazy("Reverse charge")),
]
PARTY_FIELDS = ["name", "kind", "is_customer", "is_supplier", "tax_id", "tax_exemption"]
PARTY_FIELDS += ["price_list", "notes", "owner", "tags", "is_active"]


def _people():
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "username")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PartyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("A company or a person"), choices=KIND_CHOICES)
    is_customer = forms.BooleanField(label=gettext_lazy("We sell to them"), required=False)
    is_supplier = forms.BooleanField(label=gettext_lazy("We buy from them"), required=False)
    tax_id = forms.CharField(label=gettext_lazy("VAT id"), max_length=50, required=False)
    tax_exemption = forms.ChoiceField(
        label=gettext_lazy("Tax exemption"), choices=EXEMPTION_CHOICES, required=False
    )
    price_list = forms.ModelChoiceField(
        label=gettext_lazy("Price list"),
        queryset=PriceList.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("Standard prices"),
    )
    owner = PersonChoiceField(
        label=gettext_lazy("Looked after by"),
        queryset=_people(),
        required=False,
        empty_label=gettext_lazy("Nobody in particular"),
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Words to file them under, separated by commas."),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def clean_tags(self) -> list[str]:
        words = [" ".join(word.split()) for word in self.cleaned_data["tags"].split(",")]
        too_long = [word for word in words if len(word) > 50]
        if too_long:
            raise forms.ValidationError(
                _("“%(word)s” is longer than 50 characters.") % {"word": too_long[0]}
            )
        return [word for word in words if word]

    def clean(self):
        data = super().clean()
        if not (data.get("is_customer") or data.get("is_supplier")):
            self.add_error("is_customer", _("Say whether we sell to them, buy from them, or both."))
        return data


class NewPartyForm(PartyForm):
    """A new party, with the person we talk to there (optional)."""

    contact_name = forms.CharField(
        label=gettext_lazy("Contact person"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    contact_phone = forms.CharField(label=gettext_lazy("Phone"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        reachable = data.get("contact_email") or data.get("contact_phone")
        if reachable and not data.get("contact_name"):
            self.add_error("contact_name", _("Name the person this e-mail or phone reaches."))
        return data


def _channels(data: dict) -> list[dict]:
    channels = []
    if data.get("contact_email"):
        channels.append({"kind": ContactChannel.Kind.EMAIL, "value": data["contact_email"]})
    if data.get("contact_phone"):
        channels.append({"kind": ContactChannel.Kind.PHONE, "value": data["contact_phone"]})
    return channels


@transaction.atomic
def _create(data: dict) -> Party:
    party = party_create(**{name: data[name] for name in PARTY_FIELDS})
    if data.get("contact_name"):
        contact_create(party=party, name=data["contact_name"], channels=_channels(data))
    return party


@record_page("customers", WRITE)
@require_http_methods(["GET", "POST"])
def customer_new(request):
    role = request.GET.get("role")
    initial = {"is_customer": role != "supplier", "is_supplier": role == "supplier"}
    initial = {**initial, "is_active": True, "owner": request.user.pk}
    form = NewPartyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            party = _create({**form.cleaned_data, "is_active": True})
        except InvalidData as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": party.name})
            return redirect("web:customer", pk=party.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "party": None}
    return render(request, "web/customers/edit.html", context, status=status)


@record_page("customers", WRITE)
@require_http_methods(["GET", "POST"])
def customer_edit(request, pk: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    initial = {name: getattr(party, name) for name in PARTY_FIELDS if name != "tags"}
    initial["tags"] = ", ".join(tag.name for tag in party.tags.all())
    form = PartyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                party_update(party=party, data={n: form.cleaned_data[n] for n in PARTY_FIELDS})
        except InvalidData as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": party.name})
            return redirect("web:customer", pk=party.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "party": Party.objects.get(pk=pk)}
    return render(request, "web/customers/edit.html", context, status=status)


def _refused(request, party: Party, message: str, status: int):
    messages.error(request, message)
    return detail_page(request, party, InteractionForm(party=party), status=status)


@record_page("customers")
@require_POST
def customer_order(request, pk: int):
    """Start an order-to-cash for this customer and open its first task, customer filled in."""
    party = get_object_or_404(seen_parties(request), pk=pk)
    if order_process(request.user) is None:
        return _refused(request, party, _("Your groups may not start orders."), 403)
    if not (party.is_customer and party.is_active):
        message = _("%(name)s is not an active customer: orders are for customers.")
        return _refused(request, party, message % {"name": party.name}, 409)
    try:
        _instance, task = case_start_for(
            user=request.user, definition_key=ORDER_PROCESS, variables={"customer": party.pk}
        )
    except EngineError as error:
        return _refused(request, party, error.message, error.status_code)
    if task is None:
        messages.success(request, _("The order for %(name)s has started.") % {"name": party.name})
        return redirect("web:customer", pk=party.pk)
    messages.success(request, _("A new order for %(name)s: add its lines.") % {"name": party.name})
    return redirect("web:task", pk=task.pk)
