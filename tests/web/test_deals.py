"""The deals board: a column per stage with count and amount, a move by the card's form
(won, lost with a reason from the list), the list view and its export, a new deal; a deal
that a running process moves answers 409 naming the instance, on the page and the API."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from engine.models import ProcessInstance
from engine.services.instances import instance_start
from processes.crm import services as crm
from processes.crm.models import Deal
from tests.factories import deploy_fixture, run_due_work
from tests.processes.factories import make_customer, make_funnel
from web.selectors.deals import DealFilters, deal_search


@pytest.fixture
def funnel(db):
    return make_funnel()


def _deal(funnel, title="Ten desks", amount="1200.00", stage="Lead", party=None, owner=None):
    return crm.deal_create(
        party=party or make_customer("Acme Tools"),
        title=title,
        amount=Decimal(amount),
        stage=funnel[stage],
        owner=owner,
    )


def test_the_board_shows_each_stage_with_its_count_and_amount(login, users, funnel):
    _deal(funnel, owner=users["alice"])
    _deal(funnel, title="Two chairs", amount="300.00", party=make_customer("Bolt Supplies"))
    html = login(users["alice"]).get("/deals/").content.decode()
    for name in ("Lead", "Proposal", "Won", "Lost"):
        assert f">{name}</h2>" in html
    assert "2 deals" in html and "€1,500.00" in html and "10 % likely" in html
    assert "Ten desks" in html and "Acme Tools" in html and 'draggable="true"' in html
    # The warehouse reads deals but moves none: no move form, no drag.
    bob = login(users["bob"]).get("/deals/").content.decode()
    assert "Ten desks" in bob and 'draggable="true"' not in bob and "data-move-form" not in bob


def test_moving_a_deal_won_and_lost_with_a_reason(login, users, funnel):
    deal = _deal(funnel)
    client = login(users["alice"])
    moved = client.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Proposal"].pk})
    assert moved.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == funnel["Proposal"] and deal.status == Deal.Status.OPEN
    # Lost needs a reason from the list: refused (400, nothing changed), then accepted.
    refused = client.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Lost"].pk})
    assert refused.status_code == 400 and "Pick why the deal was lost." in refused.content.decode()
    odd = client.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Lost"].pk, "lost_reason": "x"})
    assert odd.status_code == 400
    deal.refresh_from_db()
    assert deal.status == Deal.Status.OPEN
    htmx = client.post(
        f"/deals/{deal.pk}/move/",
        {"stage": funnel["Lost"].pk, "lost_reason": "No budget"},
        HTTP_HX_REQUEST="true",
    )
    assert htmx.status_code == 200 and "is now in Lost" in htmx.content.decode()
    deal.refresh_from_db()
    assert deal.status == Deal.Status.LOST and deal.lost_reason == "No budget"
    # A closed deal stays closed: 409, unchanged.
    again = client.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Won"].pk})
    assert again.status_code == 409 and "already lost" in again.content.decode()
    assert Deal.objects.get(pk=deal.pk).stage == funnel["Lost"]


def test_the_lost_reasons_come_from_the_settings(login, users, funnel, settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "DEAL_LOST_REASONS": ["Went bankrupt"]}
    deal = _deal(funnel)
    client = login(users["alice"])
    assert "Went bankrupt" in client.get("/deals/").content.decode()
    client.post(
        f"/deals/{deal.pk}/move/", {"stage": funnel["Lost"].pk, "lost_reason": "Went bankrupt"}
    )
    assert Deal.objects.get(pk=deal.pk).lost_reason == "Went bankrupt"


def test_a_deal_a_process_moves_is_moved_there_not_here(login, users, funnel):
    deal = _deal(funnel)
    deploy_fixture("deal_review")
    instance = instance_start(
        definition_key="deal_review", variables={"deal_id": deal.pk}, user=users["erin"]
    )
    instance = run_due_work(instance)
    assert instance.status == ProcessInstance.Status.RUNNING
    deal.refresh_from_db()
    assert deal.stage == funnel["Proposal"]  # moved by the process's service task
    client = login(users["alice"])
    page = client.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Won"].pk})
    text = page.content.decode()
    assert page.status_code == 409 and f"instance #{instance.pk}" in text
    assert escape("“Deal review”") in text
    api = client.post(f"/api/deals/{deal.pk}/move/", {"stage": funnel["Won"].pk})
    assert api.status_code == 409 and api.json()["instance"] == instance.pk
    deal.refresh_from_db()
    assert deal.stage == funnel["Proposal"] and deal.status == Deal.Status.OPEN
    board = client.get("/deals/").content.decode()
    assert "Moved by “Deal review”" in board or escape("Moved by “Deal review”") in board


def test_the_list_view_and_its_export_hold_the_lists_rows(login, users, funnel):
    _deal(funnel, owner=users["alice"])
    _deal(funnel, title="Two chairs", amount="300.00", party=make_customer("Bolt Supplies"))
    client = login(users["alice"])
    listing = client.get("/deals/", {"view": "list", "owner": users["alice"].pk}).content.decode()
    assert "Ten desks" in listing and "Two chairs" not in listing
    answer = client.get("/deals/", {"format": "csv", "q": "chairs"})
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    expected = deal_search(DealFilters(q="chairs"), users["alice"])
    assert [row[0] for row in rows[1:]] == [deal.title for deal in expected] == ["Two chairs"]
    assert rows[1][4] == "300.00" and rows[1][5] == "EUR"


def test_a_new_deal_checks_its_fields(login, users, funnel):
    acme = make_customer("Acme Tools")
    client = login(users["alice"])
    assert acme.name in client.get(f"/deals/new/?party={acme.pk}").content.decode()
    bad = client.post("/deals/new/", {"party": acme.pk, "title": "", "amount": "-5"})
    assert bad.status_code == 400 and not Deal.objects.exists()
    good = client.post("/deals/new/", {"party": acme.pk, "title": "Desks", "amount": "99"})
    assert good.status_code == 302
    deal = Deal.objects.get()
    assert deal.stage == funnel["Lead"] and deal.owner == users["alice"]
    assert login(users["bob"]).get("/deals/new/").status_code == 403


def test_the_view_shown_is_the_emphasised_toggle(login, users, funnel):
    client = login(users["alice"])
    for view, other in (("board", "list"), ("list", "board")):
        html = client.get("/deals/", {"view": view} if view == "list" else {}).content.decode()
        current = re.search(rf'<a class="([^"]*)" data-view="{view}"[^>]*>', html)
        shown = re.search(rf'<a class="([^"]*)" data-view="{other}"[^>]*>', html)
        assert current and "subtle" not in current[1] and 'aria-current="page"' in current[0]
        assert shown and "subtle" in shown[1] and "aria-current" not in shown[0]
