"""Changing a person's profile settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from profiles.models import Profile


def set_language(user, language: str) -> Profile:
    """Store the person's language ("" = the browser's); an unknown code is refused."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(
            {"language": _("“%(code)s” is not a language HyperCRM speaks.") % {"code": language}}
        )
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.language = language
    profile.save(update_fields=["language"])
    return profile
