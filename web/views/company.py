"""The company page: an administrator sets the company's details that every document
prints (legal name, address, VAT id, registration number, bank, logo). The form checks the
input on the server; processes.company.services checks it again (IBAN and BIC by their
check digits, the logo's format) and nothing is stored while any field is wrong."""

import base64

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from engine.exceptions import InvalidData
from processes.access.pages import allowed
from processes.access.rights import may_administer
from processes.company.selectors import company_details
from processes.company.services import TEXT_FIELDS, company_details_set


class CompanyForm(forms.Form):
    legal_name = forms.CharField(label=gettext_lazy("Legal name"), max_length=200)
    address = forms.CharField(
        label=gettext_lazy("Address"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("As printed: street, postcode and town, country."),
    )
    country = forms.CharField(
        label=gettext_lazy("Country code"),
        required=False,
        max_length=2,
        help_text=gettext_lazy("Two letters: FR, RU, DE …"),
    )
    tax_id = forms.CharField(label=gettext_lazy("VAT id"), required=False, max_length=50)
    registration_number = forms.CharField(
        label=gettext_lazy("Registration number"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("SIREN or SIRET, OGRN, company register number …"),
    )
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=50)
    bank_name = forms.CharField(label=gettext_lazy("Bank"), required=False, max_length=200)
    iban = forms.CharField(label=gettext_lazy("IBAN"), required=False, max_length=50)
    bic = forms.CharField(label=gettext_lazy("BIC"), required=False, max_length=20)
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=gettext_lazy("A PNG or JPEG image of at most 1 MB."),
    )
    remove_logo = forms.BooleanField(label=gettext_lazy("Remove the logo"), required=False)


def _show_service_errors(form: forms.Form, error: InvalidData) -> None:
    for field, problems in error.errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@allowed(may_administer)
@require_http_methods(["GET", "POST"])
def company_settings(request):
    details = company_details()
    initial = {name: getattr(details, name) for name in TEXT_FIELDS}
    form = CompanyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            company_details_set(
                by=request.user,
                logo=data.get("logo"),
                remove_logo=bool(data.get("remove_logo")),
                **{name: data[name] for name in TEXT_FIELDS},
            )
        except InvalidData as error:
            _show_service_errors(form, error)
        else:
            messages.success(request, _("The company details are saved."))
            return redirect("web:company")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "logo": _logo_data_url(company_details())}
    return render(request, "web/company/settings.html", context, status=status)


def _logo_data_url(details) -> str:
    """The stored logo inline (the media folder is not served), or "" without one."""
    if not details.logo:
        return ""
    try:
        with details.logo.open("rb") as stream:
            content = stream.read()
    except OSError:
        return ""
    kind = "png" if details.logo.name.endswith(".png") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(content).decode()}"
