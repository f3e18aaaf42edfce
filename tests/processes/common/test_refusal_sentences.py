"""A business refusal inside a service task reads as a sentence in its incident or error
boundary — never the repr of a dict of field errors."""

import pytest
from django.core.exceptions import ValidationError

from engine.connectors import ConnectorError
from engine.runtime.failures import describe
from processes.common.connectors import business_connector
from processes.common.errors import InvalidData, invalid
from processes.sales.models import SalesOrder


def refused(error: Exception) -> str:
    @business_connector
    def handler(params: dict, *, data: dict) -> dict:
        raise error

    with pytest.raises(ConnectorError) as caught:
        handler({}, data={})
    return str(caught.value)


@pytest.mark.django_db
def test_field_errors_become_one_sentence():
    text = refused(
        InvalidData(
            "The receipt is refused.",
            errors={"received_lines.0.product": ["Office chair is not on PO-00003."]},
        )
    )
    expected = "Received lines, line 1, product: Office chair is not on PO-00003."
    assert text == f"The receipt is refused: {expected}"
    assert "{" not in text and "[" not in text


@pytest.mark.django_db
def test_a_message_said_once():
    assert (
        refused(invalid("amount", "More than the €2,540.30 owed."))
        == "More than the €2,540.30 owed."
    )


@pytest.mark.django_db
def test_missing_data_and_records_say_what_is_missing():
    assert "needs “order_id”" in refused(KeyError("order_id"))
    text = refused(SalesOrder.DoesNotExist("SalesOrder matching query does not exist."))
    assert text == "The sales order this step works on does not exist (any more)."


def test_an_engine_failure_from_a_validation_error_is_a_sentence():
    error = ValidationError({"quantity": ["Ensure this value is greater than 0."]})
    assert describe(error) == "quantity: Ensure this value is greater than 0."
    assert describe(ValueError({"a": ["b"]})) == "a: b"
