"""The person's own page: the language the product speaks to them.

Each setting is a section of its own (a form posting to this page with its own "section"
value), so more sections can be added beside the language one.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from profiles.selectors import language_of
from profiles.services import set_language
from web.access import employee_page


@employee_page
def profile(request):
    errors = {}
    if request.method == "POST" and request.POST.get("section") == "language":
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
    }
    return render(request, "web/profile/index.html", context, status=400 if errors else 200)
