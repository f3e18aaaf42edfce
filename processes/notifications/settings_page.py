"""The person's notification settings: which kinds, in the app or by e-mail, digest."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from engine.exceptions import InvalidData
from processes.access.pages import allowed
from processes.notifications.models import Delivery, NotificationKind
from processes.notifications.selectors import preference_of
from processes.notifications.services import preferences_set


def _signed_in(user) -> bool:
    return user.is_authenticated


@require_http_methods(["GET", "POST"])
@allowed(_signed_in)
def notification_settings(request):
    errors = {}
    if request.method == "POST":
        wanted = set(request.POST.getlist("kinds"))
        try:
            preferences_set(
                user=request.user,
                delivery=request.POST.get("delivery", ""),
                digest_minutes=request.POST.get("digest_minutes", ""),
                muted=[kind for kind in NotificationKind.values if kind not in wanted],
            )
        except InvalidData as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    preference = preference_of(request.user)
    context = {
        "preference": preference,
        "deliveries": Delivery.choices,
        "kinds": [
            (value, label, value not in preference.muted)
            for value, label in NotificationKind.choices
        ],
        "errors": errors,
        "has_email": bool(request.user.email),
    }
    return render(request, "notifications/settings.html", context, status=400 if errors else 200)
