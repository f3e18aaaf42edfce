"""Types the engine's signatures share.

Django ships no types (the engine does not use django-stubs), so these are read as Any by
mypy today; they still say what each parameter is, and become checked with stubs.
"""

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

# Whoever acts: a signed-in person, or an anonymous request's user.
User: TypeAlias = "AbstractUser | AnonymousUser"
# A JSON object as the engine stores it (variables, event data, payloads).
JSONDict: TypeAlias = dict[str, Any]
# What the parser read of a definition's elements beyond SpiffWorkflow: {element id: meta}.
Elements: TypeAlias = dict[str, JSONDict]
