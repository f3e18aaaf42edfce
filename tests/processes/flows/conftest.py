from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from tests.factories import make_user
from tests.processes.business import media  # noqa: F401 - documents go to a temporary MEDIA_ROOT
from tests.processes.flows.steps import Desk


@pytest.fixture
def team(db):
    """The demo company's people, each at their desk (the HTTP API)."""
    users = {
        "alice": "sales",
        "bob": "warehouse",
        "carol": "production",
        "dave": "procurement",
        "erin": "managers",
        "olga": "process-owners",
    }
    return SimpleNamespace(**{name: Desk(make_user(name, group)) for name, group in users.items()})


@pytest.fixture
def deployed(db):
    """The four processes of processes/bpmn/, deployed as at start."""
    call_command("deploy_processes", stdout=StringIO())
