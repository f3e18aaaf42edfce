"""Settings for the test suite: the product's settings plus a test-support app."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.support"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users
# Tests drive background work themselves (tests/factories.run_due_work, live workers).
EMBEDDED_WORKER = False
