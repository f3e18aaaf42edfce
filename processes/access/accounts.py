"""Writes of the accounts an administrator manages: invite a person, change her groups,
deactivate or reactivate her, send her a link to set a new password.

An invited person has no password until she sets one from the link in her invitation
(Django's password-reset tokens: valid for PASSWORD_RESET_TIMEOUT, spent by their use).
Every change is an ordinary save of the user, so the audit log records it with who made it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from processes.access.rights import Refusal, may_administer

USERNAME_MAX = 150


def _require_admin(by) -> None:
    if not may_administer(by):
        raise Refusal(_("Only an administrator manages accounts."))


def _groups(names) -> list[Group]:
    names = [str(name).strip() for name in names or [] if str(name).strip()]
    found = {group.name.lower(): group for group in Group.objects.filter(name__in=names)}
    missing = [name for name in names if name.lower() not in found]
    if missing:
        message = _("There is no group “%(name)s”.") % {"name": missing[0]}
        raise ValidationError({"groups": [message]})
    return list(found.values())


def set_password_link(user, base_url: str) -> str:
    """The one-time link on which `user` sets her password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("web:password-set", args=[uid, token])


def _send_link(user, base_url: str, invited: bool) -> None:
    link = set_password_link(user, base_url)
    if invited:
        subject = _("You are invited to HyperCRM")
        body = _("Hello %(name)s,\n\nset your password and sign in here:\n%(link)s\n") % {
            "name": user.get_full_name() or user.username,
            "link": link,
        }
    else:
        subject = _("Set a new HyperCRM password")
        body = _("Hello %(name)s,\n\nset a new password here:\n%(link)s\n") % {
            "name": user.get_full_name() or user.username,
            "link": link,
        }
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    )


def _clean_new(username: str, email: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    email = (email or "").strip()
    User = get_user_model()
    if not username or len(username) > USERNAME_MAX:
        errors["username"] = [_("Give a user name of up to 150 characters.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("The user name “%(name)s” is taken.") % {"name": username}]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Give the e-mail address the invitation goes to.")]
    if errors:
        raise ValidationError(errors)
    return username, email


@transaction.atomic
def account_invite(
    *, by, username: str, email: str, first_name: str = "", last_name: str = "",
    groups=(), base_url: str,
):  # fmt: skip
    """Make an account without a password and mail its owner the link to set one."""
    _require_admin(by)
    username, email = _clean_new(username, email)
    chosen = _groups(groups)
    user = get_user_model()(
        username=username, email=email,
        first_name=(first_name or "").strip()[:150], last_name=(last_name or "").strip()[:150],
    )  # fmt: skip
    user.set_unusable_password()
    user.save()
    user.groups.set(chosen)
    _send_link(user, base_url, invited=True)
    return user


@transaction.atomic
def account_update(*, by, user, groups=None, is_active=None):
    """Give `user` exactly `groups` (names) and/or (de)activate her. A deactivated person
    cannot sign in and her API tokens are revoked; nobody deactivates herself."""
    _require_admin(by)
    user = type(user).objects.select_for_update().get(pk=user.pk)
    if is_active is not None:
        if not isinstance(is_active, bool):
            raise ValidationError({"is_active": [_("Say true or false.")]})
        if user.pk == by.pk and not is_active:
            raise ValidationError({"is_active": [_("You cannot deactivate your own account.")]})
        if user.is_active != is_active:
            user.is_active = is_active
            user.save(update_fields=["is_active"])
            if not is_active:
                user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
                from rest_framework.authtoken.models import Token

                Token.objects.filter(user=user).delete()
    if groups is not None:
        if not isinstance(groups, list | tuple):
            raise ValidationError({"groups": [_("Groups are a list of group names.")]})
        user.groups.set(_groups(groups))
        user._access_groups = None
    return user


@transaction.atomic
def account_password_reset(*, by, user, base_url: str) -> None:
    """Mail `user` a link to set a new password (the old one works until then)."""
    _require_admin(by)
    if not user.email:
        raise ValidationError({"email": [_("%(name)s has no e-mail address.") % {
            "name": user.get_full_name() or user.username}]})  # fmt: skip
    if not user.is_active:
        raise ValidationError({"is_active": [_("Reactivate the account first.")]})
    _send_link(user, base_url, invited=False)


@transaction.atomic
def password_change(*, user, old_password: str, new_password1: str, new_password2: str):
    """A person changes her own password: the old one first, the new one twice and by the
    password rules (AUTH_PASSWORD_VALIDATORS). Raises ValidationError naming each wrong
    field (nothing changes then). Her other signed-in browsers are signed out, as their
    sessions carry the old password's hash."""
    from django.contrib.auth.forms import PasswordChangeForm

    form = PasswordChangeForm(
        user,
        {
            "old_password": old_password,
            "new_password1": new_password1,
            "new_password2": new_password2,
        },
    )
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.save()
