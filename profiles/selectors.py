"""Reading a person's profile settings."""

from django.conf import settings

from profiles.models import Profile


def language_of(user) -> str:
    """The language the person chose on their profile page, or "" (the browser decides)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def language_for(user) -> str:
    """The language to write to the person in when no request says it (background work):
    their profile's choice, else the site's language (settings.LANGUAGE_CODE)."""
    return language_of(user) or settings.LANGUAGE_CODE
