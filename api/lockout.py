"""What a person (or a client) locked out after too many failed sign-ins sees: a 429 with
the reason and when to try again, on the login page or as the API's JSON."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return ngettext(
        "Too many failed sign-ins for this account from this address. "
        "Try again in %(minutes)d minute, or ask an administrator to reset your password.",
        "Too many failed sign-ins for this account from this address. "
        "Try again in %(minutes)d minutes, or ask an administrator to reset your password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    message = lockout_message()
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        # Unbound: checking the form again would count one more failed sign-in.
        form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
        context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
        response = render(request, "web/login.html", context, status=429)
    response["Retry-After"] = retry_after
    return response
