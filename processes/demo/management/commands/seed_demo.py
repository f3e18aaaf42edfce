"""Create the demo users and groups of the embedded default (demo mode only)."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction

from profiles.services import set_language

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo credential, demo mode only
DEMO_USERS = {
    "alice": ["sales"],
    "bob": ["warehouse"],
    "carol": ["production"],
    "dave": ["procurement"],
    "erin": ["managers"],
    "olga": ["process-owners"],
}


class Command(BaseCommand):
    help = "Seed the demo users (password 'demo'); refuses unless HYPERCRM_DEMO is on."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            self.stdout.write("Demo mode is off (HYPERCRM_DEMO); no demo users are created.")
            return
        for username, groups in DEMO_USERS.items():
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.first_name = username.capitalize()
                user.save()
                if settings.DEMO_LANGUAGE != "en":
                    # The demo company speaks its language (HYPERCRM_DEMO_LANGUAGE).
                    set_language(user, settings.DEMO_LANGUAGE)
            for name in groups:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        self.stdout.write(
            f"Demo users ready: {', '.join([*DEMO_USERS, 'admin'])} (password 'demo')."
        )
