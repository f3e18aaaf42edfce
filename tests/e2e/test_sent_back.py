"""Carol's production comes back from Pat's failed quality check: the "Produce" page says
at its top who sent it back and why, in English and, with her profile in French, in French."""

from io import StringIO

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from profiles.models import Profile
from tests.e2e.conftest import PASSWORD
from tests.factories import make_user
from tests.processes.business import oak_desk
from tests.processes.factories import make_warehouse, stock
from tests.processes.flows.steps import Desk, settle

pytestmark = pytest.mark.e2e


def test_a_task_sent_back_says_who_and_why(session, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("deploy_processes", stdout=StringIO())
    carol_user = make_user("carol", "production", password=PASSWORD, first_name="Carol")
    carol = Desk(carol_user)
    pat = Desk(make_user("pat", "production", first_name="Pat"))
    parts = oak_desk()
    main = make_warehouse("WH1", name="Main warehouse")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    case = carol.start("production")["id"]
    carol.work("plan_form", {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk})
    settle()
    carol.work("produce", {"produced": 2, "scrap": 0}, case)
    settle()
    pat.work("check_quality", {"passed": False, "notes": "Scratched tops"}, case)
    settle()
    again = HumanTask.objects.get(instance_id=case, element_id="produce", status="open")

    browser = session("carol-sent-back")
    browser.login("carol")
    page = browser.page
    browser.open_task(again.pk)
    notice = page.locator("#sent-back")
    assert notice.inner_text().startswith("Sent back by Pat: Scratched tops")
    assert "Check the quality" in notice.inner_text()
    # At the top of the task's card, above the case's panels and the form.
    assert notice.bounding_box()["y"] < page.locator("#task-form").bounding_box()["y"]
    browser.screenshot("1-en")

    Profile.objects.update_or_create(user=carol_user, defaults={"language": "fr"})
    page.reload()
    text = notice.inner_text().replace("\xa0", " ")
    assert text.startswith("Renvoyée par Pat : Scratched tops")
    assert "Contrôler la qualité" in text
    page.set_viewport_size({"width": 390, "height": 844})
    browser.screenshot("2-fr-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    browser.assert_no_console_errors()
