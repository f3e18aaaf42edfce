"""The admin of sales, procurement, production and shipment documents opens, read-only."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from processes.sales import services
from tests.factories import make_user
from tests.processes.business import make_order, media, stocked  # noqa: F401 - tmp MEDIA_ROOT

APPS = {"sales", "procurement", "production", "shipment"}


@pytest.mark.django_db
def test_lists_and_records_open_and_adding_is_left_to_the_services():
    order = make_order((stocked("CHAIR", 5), 2), reserve=True)
    services.invoice_create_for_order(order=order)
    client = Client()
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    models = [m for m in admin.site._registry if m._meta.app_label in APPS]
    assert len(models) == 11
    for model in models:
        opts = model._meta
        listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert listing.status_code == 200, opts.label
        add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code == 403, opts.label
    change = client.get(reverse("admin:sales_salesorder_change", args=[order.pk]))
    assert change.status_code == 200 and order.number in change.content.decode()
