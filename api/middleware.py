"""A number beyond 64 bits in a page's path names no record: 404, not a 500.

SQLite refuses to compare such a number (OverflowError) where PostgreSQL finds nothing; the
API's exception handler (api/errors.py) answers its own routes the same way.
"""

from django.http import Http404
from django.utils.translation import gettext as _


def is_sqlite_overflow(exc: BaseException) -> bool:
    return isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc)


class LargeNumberMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_sqlite_overflow(exception):
            raise Http404(_("No record has this number.")) from exception
        return None
