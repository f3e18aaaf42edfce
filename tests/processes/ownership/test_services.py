"""A document remembers the instance that made it: the first claim holds."""

import pytest

from engine.services.instances import instance_start
from processes.ownership.models import DocumentProcess
from processes.ownership.selectors import owning_instance
from processes.ownership.services import document_claim
from tests.factories import deploy_fixture, make_user
from tests.processes.factories import make_customer

pytestmark = pytest.mark.django_db


def test_the_first_instance_to_claim_a_document_keeps_it():
    deploy_fixture()
    user = make_user("alice", "sales")
    first = instance_start(definition_key="order_approval", user=user)
    second = instance_start(definition_key="order_approval", user=user)
    customer = make_customer("Acme")

    document_claim(document=customer, instance_id=first.pk)
    document_claim(document=customer, instance_id=second.pk)  # refused quietly

    assert list(DocumentProcess.objects.values_list("instance_id", flat=True)) == [first.pk]
    assert owning_instance(customer).pk == first.pk


def test_outside_a_process_a_claim_does_nothing():
    document_claim(document=make_customer("Acme"))
    assert not DocumentProcess.objects.exists()
