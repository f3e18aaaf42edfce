"""Reading a person's profile settings."""

from profiles.models import Profile


def language_of(user) -> str:
    """The language the person chose on their profile page, or "" (the browser decides)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""
