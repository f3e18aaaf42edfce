"""The capped pager shows what Django's Paginator shows, counting no further than the cap
or the page asked for; past the cap, the page says "more than" and still pages on."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from processes.crm.models import Party
from web.paging import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    Party.objects.bulk_create([Party(name=f"Party {n:03d}") for n in range(57)])
    return Party.objects.order_by("name", "id")


def _same(capped, plain):
    assert [p.pk for p in capped.object_list] == [p.pk for p in plain.object_list]
    assert capped.number == plain.number
    assert capped.has_next() == plain.has_next()
    assert capped.has_previous() == plain.has_previous()


@pytest.mark.parametrize("number", [None, "1", "2", "6", "7", "99", "x", "-3", "0"])
def test_below_the_cap_it_is_the_plain_paginator(parties, number):
    capped = CappedPaginator(parties, 10, cap=100).get_page(number)
    plain = Paginator(parties, 10).get_page(number)
    _same(capped, plain)
    assert not capped.paginator.more
    assert capped.paginator.count == plain.paginator.count == 57
    assert capped.paginator.num_pages == plain.paginator.num_pages


@pytest.mark.parametrize("number", ["1", "2", "4", "5", "6"])
def test_past_the_cap_it_shows_the_same_rows_and_pages_on(parties, number):
    capped = CappedPaginator(parties, 10, cap=20).get_page(number)
    plain = Paginator(parties, 10).get_page(number)
    _same(capped, plain)
    # Counted: up to the page asked for (at least the cap) and one row more.
    expected_upto = max(20, int(number) * 10)
    assert capped.paginator.more == (expected_upto < 57)


def test_a_page_past_the_end_is_the_last_one_as_plain(parties):
    capped = CappedPaginator(parties, 10, cap=20).get_page("40")
    _same(capped, Paginator(parties, 10).get_page("40"))
    assert capped.number == 6 and not capped.paginator.more


def test_the_count_reads_no_further_than_the_cap(parties):
    with CaptureQueriesContext(connection) as queries:
        CappedPaginator(parties, 10, cap=20).get_page("1").paginator.count  # noqa: B018
    count = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"])
    assert "LIMIT 21" in count


def test_the_customers_list_says_more_than_past_the_cap(login, users, monkeypatch):
    monkeypatch.setattr("web.paging.CAP", 50)
    Party.objects.bulk_create(
        [Party(name=f"Customer {n:03d}", is_customer=True) for n in range(120)]
    )
    client = login(users["erin"])
    html = client.get("/customers/").content.decode()
    assert "More than 50 matches" in html and "Page 1<" in html and "?page=2" in html
    html = client.get("/customers/?page=2").content.decode()
    assert "More than 100 matches" in html and "?page=3" in html
    html = client.get("/customers/?page=3").content.decode()
    assert "120 matches" in html and "Page 3 of 3" in html and "?page=4" not in html
