"""The person's own page: the language the product speaks to them, her password and her
API tokens.

Each setting is a section of its own (a form posting to this page with its own "section"
value), so more sections can be added beside the language one.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from api.models import ApiToken
from api.tokens import token_create, token_revoke, tokens_of
from engine.services.permissions import integration_token_refusal
from processes.access.accounts import password_change
from profiles.selectors import language_of
from profiles.services import set_language
from web.access import employee_page


def _tokens_section(request) -> tuple[dict, str]:
    """Make or revoke one of my API tokens; answer (errors, the new key to show once)."""
    if request.POST.get("section") == "token-revoke":
        try:
            token = token_revoke(user=request.user, token_id=int(request.POST.get("token", 0)))
        except (ApiToken.DoesNotExist, ValueError):
            return {"tokens": [_("You have no such token.")]}, ""
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return {}, ""
    try:
        token, key = token_create(
            user=request.user,
            name=request.POST.get("name", ""),
            expires_in_days=request.POST.get("expires_in_days") or None,
            for_integration=request.POST.get("for_integration") == "1",
        )
    except ValidationError as exc:
        return {"tokens": exc.messages}, ""
    return {}, key


def _password_section(request) -> dict:
    """Change my password; answer the errors by field (none: changed)."""
    try:
        password_change(
            user=request.user,
            old_password=request.POST.get("old_password", ""),
            new_password1=request.POST.get("new_password1", ""),
            new_password2=request.POST.get("new_password2", ""),
        )
    except ValidationError as exc:
        return {f"password_{field}": texts for field, texts in exc.message_dict.items()}
    # This browser stays signed in; the others, holding the old password's hash, are not.
    update_session_auth_hash(request, request.user)
    messages.success(request, _("Your password is changed. Your other browsers are signed out."))
    return {}


@employee_page
def profile(request):
    errors = {}
    new_key = ""
    if request.method == "POST" and request.POST.get("section") == "password":
        errors = _password_section(request)
        if not errors:
            return redirect("web:profile")
    elif request.method == "POST" and request.POST.get("section") in ("token-new", "token-revoke"):
        errors, new_key = _tokens_section(request)
        if not errors and not new_key:
            return redirect("web:profile")
    elif request.method == "POST" and request.POST.get("section") == "language":
        chosen = request.POST.get("language", "")
        try:
            set_language(request.user, chosen)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            language = chosen or translation.get_language_from_request(request)
            translation.activate(language)
            messages.success(request, _("Your language is saved."))
            response = redirect("web:profile")
            if chosen:
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, samesite="Lax")
            else:
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            return response
    context = {
        "languages": settings.LANGUAGES,
        "current_language": language_of(request.user),
        "errors": errors,
        "tokens": tokens_of(request.user),
        "may_integrate": integration_token_refusal(request.user) is None,
        "new_key": new_key,
        "password_fields": [
            ("old_password", _("Present password"), "current-password"),
            ("new_password1", _("New password"), "new-password"),
            ("new_password2", _("New password again"), "new-password"),
        ],
        "password_errors": {
            key.removeprefix("password_"): texts
            for key, texts in errors.items()
            if key.startswith("password_")
        },
    }
    return render(request, "web/profile/index.html", context, status=400 if errors else 200)
