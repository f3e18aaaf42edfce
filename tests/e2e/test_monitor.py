"""A manager filters the monitor, reads an instance, retries an incident, opens the dashboard."""

import pytest

from engine.models import Incident
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e


def test_erin_monitors_retries_an_incident_and_reads_the_dashboard(session, people):
    deploy_fixture()
    deploy_fixture("script_failure")
    instance_start(definition_key="order_approval", business_key="SO-2001")
    waiting = instance_start(definition_key="order_approval", business_key="SO-2002")
    failed = instance_start(
        definition_key="script_failure",
        business_key="SPLIT-7",
        variables={"amount": 10, "parts": 0},
    )
    incident = Incident.objects.get(instance=failed)

    erin = session("erin-monitor")
    erin.login("erin")
    page = erin.page
    assert page.url.endswith("/dashboard/")

    page.click("nav.nav >> text=Monitor")
    page.wait_for_url("**/monitor/")
    assert page.locator("tr[data-instance]").count() == 3
    page.fill("input[name=business_key]", "SO-2002")
    page.select_option("select[name=status]", "running")
    page.click("#monitor-filters button[type=submit]")
    page.wait_for_url("**business_key=SO-2002**")
    rows = page.locator("tr[data-instance]")
    assert rows.count() == 1
    erin.screenshot("1-filtered")

    rows.first.locator("a").first.click()
    page.wait_for_url(f"**/monitor/instances/{waiting.pk}/")
    page.wait_for_selector("[data-diagram][data-ready=true]")
    active = page.locator('.djs-element.is-active[data-element-id="enter_order"]')
    assert active.count() == 1
    assert page.locator("tr[data-task] >> text=Enter order").count() == 1
    erin.screenshot("2-instance")

    page.goto("/monitor/?status=error")
    page.locator(f'tr[data-instance="{failed.pk}"] a').first.click()
    page.wait_for_selector("[data-diagram][data-ready=true]")
    assert page.locator('.djs-element.has-incident[data-element-id="divide"]').count() == 1
    page.locator(f'[data-incident="{incident.pk}"] button', has_text="Retry").click()
    page.wait_for_selector(".flash")
    # Dividing by zero fails again: the retry ran and counted its attempt.
    assert "failed again (attempt 2)" in page.locator(".flash").inner_text()
    incident.refresh_from_db()
    assert incident.attempts == 2
    erin.screenshot("3-incident-retried")

    page.click("nav.nav >> text=Dashboard")
    page.wait_for_url("**/dashboard/")
    page.wait_for_selector("canvas[data-chart='tasks-chart'][data-ready=true]")
    page.wait_for_selector("canvas[data-chart='instances-chart'][data-ready=true]")
    assert page.locator("#business-figures h2").inner_text() == "Business today"
    page.select_option("select[name=period]", "30")
    page.wait_for_url("**period=30**")
    page.wait_for_selector("canvas[data-chart='instances-chart'][data-ready=true]")
    erin.screenshot("4-dashboard")
    erin.assert_no_console_errors()
