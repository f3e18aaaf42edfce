"""The people page: an administrator invites accounts, gives them groups, deactivates or
reactivates them and sends a link to set a new password (processes.access.accounts)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from processes.access.accounts import account_invite, account_password_reset, account_update
from processes.access.pages import allowed
from processes.access.rights import may_administer
from processes.access.selectors import accounts, group_names_all


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _name(person) -> str:
    return person.get_full_name() or person.username


@allowed(may_administer)
def people_page(request):
    errors: dict = {}
    values = {}
    if request.method == "POST":
        values = request.POST
        try:
            person = account_invite(
                by=request.user,
                username=request.POST.get("username", ""),
                email=request.POST.get("email", ""),
                first_name=request.POST.get("first_name", ""),
                last_name=request.POST.get("last_name", ""),
                groups=request.POST.getlist("groups"),
                base_url=_base_url(request),
            )
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(
                request,
                _("%(name)s is invited: the link to set a password went to %(email)s.")
                % {"name": _name(person), "email": person.email},
            )
            return redirect("web:person", pk=person.pk)
    query = request.GET.get("q", "").strip()
    context = {
        "people": accounts(query),
        "query": query,
        "groups": group_names_all(),
        "errors": errors,
        "values": values,
        "chosen": values.getlist("groups") if values else [],
    }
    return render(request, "web/people/index.html", context, status=400 if errors else 200)


def _person_post(request, person) -> str:
    """Apply one section of the person's page; answer the notice for it."""
    section = request.POST.get("section")
    if section == "groups":
        account_update(by=request.user, user=person, groups=request.POST.getlist("groups"))
        return _("The groups of %(name)s are saved.")
    if section == "deactivate":
        account_update(by=request.user, user=person, is_active=False)
        return _("%(name)s can no longer sign in; their API tokens are revoked.")
    if section == "reactivate":
        account_update(by=request.user, user=person, is_active=True)
        return _("%(name)s can sign in again.")
    if section == "password":
        account_password_reset(by=request.user, user=person, base_url=_base_url(request))
        return _("A link to set a new password went to %(name)s.")
    raise ValidationError({"section": [_("Choose what to change.")]})


@allowed(may_administer)
def person_page(request, pk: int):
    person = get_object_or_404(get_user_model().objects.prefetch_related("groups"), pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            notice = _person_post(request, person)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, notice % {"name": _name(person)})
            return redirect("web:person", pk=person.pk)
    context = {
        "person": person,
        "member_of": {group.name for group in person.groups.all()},
        "groups": group_names_all(),
        "errors": errors,
        "is_me": person.pk == request.user.pk,
    }
    return render(request, "web/people/detail.html", context, status=400 if errors else 200)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of an invitation or a reset: the person chooses her password, then signs in."""

    template_name = "web/people/password_set.html"
    success_url = reverse_lazy("web:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in with it."))
        return super().form_valid(form)
