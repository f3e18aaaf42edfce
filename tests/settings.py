"""Settings for the test suite: the product's settings plus a test-support app."""

import os

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.support"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users
# Tests drive background work themselves (tests/factories.run_due_work, live workers).
EMBEDDED_WORKER = False
# The connector tests call a local JSON API (tests/support/http.py).
HYPERCRM = {**HYPERCRM, "HTTP_ALLOWED_NETWORKS": ["127.0.0.1/32"]}  # noqa: F405

# A file, not shared-cache memory: threads (live server, embedded worker) then lock and wait
# the way the embedded default does, instead of failing with "table is locked".
if "sqlite" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    # One file per test run, so that runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
# The embedded worker's daily backup is tested on its own (tests/operations), into tmp dirs.
HYPERCRM_DAILY_BACKUP = False
# Login throttling (django-axes) is tested on its own (tests/api/test_login_throttling.py):
# the test client signs in without a request, which axes refuses.
AXES_ENABLED = False
