"""The pages' side of the permission module: view decorators that ask `rights`."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.translation import gettext as _

from processes.access.rights import READ, Refusal, require


def login_then(check: Callable[[object], None]):
    """View decorator: send a visitor to the login page, then `check(user)` (raises 403)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                login = redirect_to_login(request.get_full_path())
                if request.headers.get("HX-Request") == "true":
                    # A live-refresh request after the session ended: reload into the login
                    # page instead of swapping it into the list.
                    return HttpResponse(status=204, headers={"HX-Redirect": login["Location"]})
                return login
            check(request.user)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def allowed(question: Callable[[object], bool]):
    """Login first, then `question(user)` or 403."""

    def check(user) -> None:
        if not question(user):
            raise Refusal(_("Your groups do not give access to this page."))

    return login_then(check)


def record_page(kind: str, action: str = READ):
    """Login first, then the right to `action` records of `kind`, or 403 naming it."""
    return login_then(lambda user: require(user, action, kind))
