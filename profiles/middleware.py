"""The language of a page: the person's own choice, else what LocaleMiddleware chose.

LocaleMiddleware (earlier in MIDDLEWARE) picks the language from the URL-less request: the
language cookie, else the browser's Accept-Language. On the pages, a signed-in person's
profile choice wins over both. On the API (/api/), an explicit Accept-Language wins, so a
client asks for the language of its error messages; without one the profile choice applies.
"""

from django.utils import translation

from profiles.selectors import language_of


class PersonLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        explicit_api = request.path.startswith("/api/") and request.headers.get("Accept-Language")
        if not explicit_api:
            language = language_of(getattr(request, "user", None))
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
