"""Erin reads a process's heatmap in Russian: the badges' words come from the server."""

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
