"""Alice records a payment larger than what is owed: the payment task comes back with the
reason above the form, in English and, with her profile in French, in French; then she
pays what is owed and the case ends."""

from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from engine.models import HumanTask, ProcessInstance
from profiles.models import Profile
from tests.factories import make_user
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import Desk, order_until_payment, settle

pytestmark = pytest.mark.e2e


def _payment_task(instance_id: int) -> HumanTask:
    return HumanTask.objects.get(
        instance_id=instance_id, element_id="record_payment", status__in=["open", "claimed"]
    )


def test_a_refused_payment_comes_back_with_its_reason(session, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("deploy_processes", stdout=StringIO())
    lamp = make_product("LAMP", name="Desk lamp", list_price=Decimal("50.00"))
    stock(lamp, make_warehouse("WH1", name="Main warehouse"), 10)
    team = SimpleNamespace(alice=Desk(people["alice"]), bob=Desk(make_user("bob", "warehouse")))
    case = order_until_payment(team, customer=make_customer("Acme Ltd"), product=lamp, quantity=4)

    alice = session("alice-refused-payment")
    alice.login("alice")
    page = alice.page
    alice.open_task(_payment_task(case).pk)
    page.fill("input[name='f.amount']", "500")
    page.click("button[name=complete]")
    settle()  # the worker books the payment: the business refuses it
    alice.open_task(_payment_task(case).pk)
    refusal = page.locator("#refusal")
    assert "Your last entry was refused: Only €200.00 is still owed on" in refusal.inner_text()
    assert "{" not in refusal.inner_text()
    assert page.input_value("input[name='f.amount']") == "500"  # what she entered is kept
    alice.screenshot("1-refused-en")

    Profile.objects.update_or_create(user=people["alice"], defaults={"language": "fr"})
    page.reload()
    text = refusal.inner_text().replace("\xa0", " ")
    assert "Votre dernière saisie a été refusée : Il ne reste que 200,00 € à payer sur" in text
    alice.screenshot("2-refused-fr")
    page.set_viewport_size({"width": 390, "height": 844})
    alice.screenshot("3-refused-fr-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("input[name='f.amount']", "200")
    page.click("button[name=complete]")
    page.wait_for_selector(".flash-success")
    settle()
    assert ProcessInstance.objects.get(pk=case).status == "completed"
    alice.assert_no_console_errors()
