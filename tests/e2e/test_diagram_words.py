"""Erin reads the diagrams in her language: a process's heatmap in Russian, an instance's
incident in French; the badges' words come from the server, not the bundle."""

import pytest

from engine.services.instances import instance_start
from profiles.services import set_language
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_the_heatmap_badges_speak_the_readers_language(session, people):
    deploy_fixture()
    instance_start(definition_key="order_approval", business_key="SO-3001")
    set_language(people["erin"], "ru")
    erin = session("erin-heat-ru")
    erin.login("erin")
    page = erin.page
    page.goto("/processes/order_approval/")
    page.wait_for_selector("[data-diagram][data-ready=true]")
    badge = page.locator(".heat-badge").first
    assert badge.inner_text() == "1"
    assert badge.get_attribute("title") == "1 ждёт здесь"
    erin.screenshot("1-heatmap-ru")
    erin.assert_no_console_errors()


def test_an_incident_badge_speaks_french(session, people):
    deploy_fixture("script_failure")
    failed = instance_start(
        definition_key="script_failure",
        business_key="SPLIT-8",
        variables={"amount": 10, "parts": 0},
    )
    set_language(people["erin"], "fr")
    erin = session("erin-incident-fr")
    erin.login("erin")
    page = erin.page
    page.goto(f"/monitor/instances/{failed.pk}/")
    page.wait_for_selector("[data-diagram][data-ready=true]")
    assert page.locator(".badge-incident").first.get_attribute("title") == "Échec : voir l’incident"
    erin.screenshot("2-incident-fr")
    erin.assert_no_console_errors()
