"""The `pages` benchmark at a tiny size: it seeds both sizes, finds the customer by part of
an e-mail, and reports a ratio per page."""

from argparse import Namespace

import pytest

from bench.scenarios import pages, pages_data
from processes.crm.models import Party
from processes.sales.models import SalesOrder, SalesOrderLine


@pytest.mark.django_db
def test_the_scenario_times_the_four_pages_at_both_sizes(monkeypatch):
    monkeypatch.setattr(pages, "SMALL", (20, 100))
    monkeypatch.setattr(pages, "LARGE", (60, 400))
    result = pages.run(Namespace(count=None, iterations=1))
    assert Party.objects.filter(notes=pages_data.MARK).count() == 60
    assert SalesOrder.objects.filter(number__startswith="BP-").count() == 80
    assert SalesOrderLine.objects.filter(order__number__startswith="BP-").count() == 400
    for page in pages.PAGES:
        assert result[f"ms_small_{page}"] > 0 and result[f"ms_large_{page}"] > 0
        assert result[f"ratio_{page}"] > 0
        assert 0 < result[f"sql_ms_small_{page}"] < result[f"ms_small_{page}"]
    assert result["ratio"] == max(result[f"ratio_{page}"] for page in pages.PAGES)


@pytest.mark.django_db
def test_a_second_run_starts_from_its_own_clean_data(monkeypatch):
    monkeypatch.setattr(pages, "SMALL", (10, 50))
    monkeypatch.setattr(pages, "LARGE", (20, 100))
    pages.run(Namespace(count=None, iterations=1))
    pages.run(Namespace(count=None, iterations=1))
    assert Party.objects.filter(notes=pages_data.MARK).count() == 20
    assert SalesOrderLine.objects.filter(order__number__startswith="BP-").count() == 100
