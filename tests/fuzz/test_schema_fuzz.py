"""Every operation of the OpenAPI document, fed generated input as an administrator and as
a plain employee: none answers 5xx (schemathesis; docs/security.md, "No 500 for bad input").

The examples are derandomized and bounded (`HYPERCRM_FUZZ_EXAMPLES`, default 6 per operation
and person), so a failure here fails the same way on every run and names the request.
"""

import os
from collections import Counter
from io import StringIO

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

EXAMPLES = int(os.environ.get("HYPERCRM_FUZZ_EXAMPLES", "6"))
PEOPLE = ("admin", "bob")  # a superuser, and a warehouse worker with few rights


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEMO_MODE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for command in ("deploy_processes", "seed_demo", "seed_demo_company"):
        call_command(command, stdout=StringIO())
    users = get_user_model().objects.filter(username__in=PEOPLE)
    return {user.username: Token.objects.get_or_create(user=user)[0].key for user in users}


def _fuzz(operation, token: str, failures: list[str], seen: Counter) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers={"Authorization": f"Token {token}"})
        seen[response.status_code // 100] += 1
        seen[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(
                f"{response.status_code} {case.method} {case.formatted_path}"
                f" query={case.query!r} body={case.body!r}"
            )

    run()


@pytest.mark.django_db(transaction=False)
def test_no_operation_answers_5xx_to_generated_input(demo):
    # The requests run in this thread, inside the test's transaction: like Django's test
    # client, keep the handler from closing the connection after each one.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz_all(demo)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz_all(demo) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100, "the OpenAPI document lost its operations"
    failures: list[str] = []
    answers = {person: Counter() for person in PEOPLE}
    for person in PEOPLE:
        for operation in operations:
            _fuzz(operation, demo[person], failures, answers[person])
    assert not failures, f"{len(failures)} answers were 5xx:\n" + "\n".join(failures[:40])
    for person, seen in answers.items():
        # The person's token was honoured: answers came, and few of them "who are you?".
        assert seen[2] > 10 and seen[401] * 10 < sum(seen[c] for c in range(1, 6)), (person, seen)
