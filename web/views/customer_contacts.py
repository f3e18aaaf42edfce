"""A customer's contacts on its page: add a person (name, job title, e-mail, phone), or mark
one as gone (kept on the timeline's past entries, no longer listed)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import InvalidData
from processes.access.pages import record_page
from processes.access.rights import WRITE
from processes.crm.models import Contact
from processes.crm.services import contact_create, contact_update
from web.views.customer_forms import ContactForm, InteractionForm, back_to, show_service_errors
from web.views.customers import detail_page, seen_parties


@record_page("customers", WRITE)
@require_POST
def contact_new(request, pk: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        channels = [
            {"kind": kind, "value": data[field], "is_primary": True}
            for kind, field in (("email", "email"), ("phone", "phone"))
            if data[field]
        ]
        try:
            contact_create(
                party=party, name=data["name"], job_title=data["job_title"], channels=channels
            )
        except InvalidData as error:
            show_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(contact)s added to %(name)s.") % {"contact": data["name"], "name": party.name},
            )
            return back_to(party, "contacts")
    return detail_page(request, party, InteractionForm(party=party), 400, contact_form=form)


@record_page("customers", WRITE)
@require_POST
def contact_gone(request, pk: int, contact_id: int):
    party = get_object_or_404(seen_parties(request), pk=pk)
    contact = get_object_or_404(Contact, pk=contact_id, party=party, is_active=True)
    contact_update(contact=contact, data={"is_active": False})
    messages.success(
        request,
        _("%(contact)s is no longer listed at %(name)s.")
        % {"contact": contact.name, "name": party.name},
    )
    return back_to(party, "contacts")
