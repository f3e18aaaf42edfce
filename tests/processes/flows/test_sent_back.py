"""A task sent back to an earlier step says why: a failed quality check sends the
production back to "Produce" with its findings and who made them; a count the business
refuses comes back as the refusal; a task done the first time says nothing."""

import pytest
from django.test import Client

from tests.factories import make_user
from tests.processes.business import oak_desk
from tests.processes.factories import make_warehouse, stock
from tests.processes.flows.steps import Desk, settle

pytestmark = pytest.mark.django_db


def _planned(team) -> int:
    parts = oak_desk()
    main = make_warehouse("WH1")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    started = team.carol.start("production")["id"]
    team.carol.work("plan_form", {"product": parts.desk.pk, "quantity": 2, "warehouse": main.pk})
    settle()
    return started


def test_a_failed_quality_check_sends_production_back_with_its_findings(team, deployed):
    case = _planned(team)
    first = team.carol.task("produce", case)
    assert first["sent_back_because"] is None
    team.carol.complete(first["id"], {"produced": 2, "scrap": 0})
    settle()
    pat = Desk(make_user("pat", "production", first_name="Pat"))
    check = pat.task("check_quality", case)
    assert check["sent_back_because"] is None
    pat.complete(check["id"], {"passed": False, "notes": "Scratched tops"})
    settle()

    again = team.carol.task("produce", case)
    assert again["id"] != first["id"]
    assert again["sent_back_because"] == {
        "kind": "step",
        "reason": "Scratched tops",
        "step": "Check the quality",
        "by": "pat",
    }
    team.carol.complete(again["id"], {"produced": 2, "scrap": 0})
    settle()
    # Checked again: nothing sent it back this time.
    assert pat.task("check_quality", case)["sent_back_because"] is None


def test_a_refused_count_comes_back_as_the_refusal(team, deployed):
    case = _planned(team)
    team.carol.work("produce", {"produced": 3, "scrap": 0}, case)
    settle()
    again = team.carol.task("produce", case)
    came_back = again["sent_back_because"]
    assert (came_back["kind"], came_back["by"], came_back["step"]) == (
        "refused",
        None,
        "Record the output",
    )
    assert "{" not in came_back["reason"] and came_back["reason"]


SENT_BACK = {
    "en": ("Sent back by Pat:", "Scratched tops", "Check the quality"),
    "fr": ("Renvoyée par Pat :", "Scratched tops", "Contrôler la qualité"),
    "ru": ("Вернул(а) на доработку Pat:", "Scratched tops", "Проверить качество"),
}


def test_the_task_page_says_who_sent_it_back_and_why(team, deployed):
    case = _planned(team)
    team.carol.work("produce", {"produced": 2, "scrap": 0}, case)
    settle()
    pat = Desk(make_user("pat", "production", first_name="Pat"))
    pat.work("check_quality", {"passed": False, "notes": "Scratched tops"}, case)
    settle()
    again = team.carol.task("produce", case)
    client = Client()
    client.force_login(team.carol.user)
    for language, words in SENT_BACK.items():
        html = client.get(f"/tasks/{again['id']}/", HTTP_ACCEPT_LANGUAGE=language)
        assert html.status_code == 200
        notice = html.content.decode()
        notice = notice[notice.index('id="sent-back"') :][:600]
        for text in words:
            assert text in notice, (language, text, notice)
        assert f"/{again['id']}" not in notice  # names and words, never ids
