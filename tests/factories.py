"""Factories for tests: users in groups, deployed fixture diagrams."""

from pathlib import Path

from django.contrib.auth.models import Group, User

from engine.parsing.archive import zip_files
from engine.services.definitions import definition_deploy

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORDER_BUNDLE_FILES = [
    "order_approval.bpmn",
    "order-schema.json",
    "order-uischema.json",
    "approval-schema.json",
]


def make_user(username: str, *groups: str, password: str = "pw-for-tests", **extra) -> User:
    user = User.objects.create_user(username=username, password=password, **extra)
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return user


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def zip_bundle(files: dict[str, bytes]) -> bytes:
    return zip_files(files)


def order_bundle(replace: dict[str, bytes] | None = None) -> bytes:
    """The order-approval diagram with its forms, as a zip; `replace` swaps files by name."""
    files = {name: fixture_bytes(name) for name in ORDER_BUNDLE_FILES}
    files.update(replace or {})
    return zip_bundle(files)


def deploy_fixture(name: str = "order_approval", user=None):
    """Deploy a fixture (the order bundle, or a single .bpmn by its stem); return definitions."""
    if name == "order_approval":
        content, file_name = order_bundle(), "order.zip"
    else:
        content, file_name = fixture_bytes(f"{name}.bpmn"), f"{name}.bpmn"
    result = definition_deploy(file_name=file_name, content=content, user=user, check_role=False)
    return result.definitions


def deploy_runtime(name: str):
    """Deploy tests/fixtures/runtime/<name>.bpmn (processes that move by themselves)."""
    path = FIXTURES / "runtime" / f"{name}.bpmn"
    return definition_deploy(
        file_name=path.name, content=path.read_bytes(), user=None, check_role=False
    ).definitions


def run_due_work(instance, rounds: int = 20):
    """Do what a worker would: advance the instance while it has work due now."""
    from engine.services.advance import instance_advance

    for _ in range(rounds):
        if not instance_advance(instance_id=instance.pk):
            break
    instance.refresh_from_db()
    return instance
