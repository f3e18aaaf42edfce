import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories import make_user

APPS = {"crm", "catalog", "inventory"}


@pytest.mark.django_db
def test_admin_lists_and_add_pages_of_the_business_records_open():
    client = Client()
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    models = [m for m in admin.site._registry if m._meta.app_label in APPS]
    assert len(models) == 15  # with the tax and exchange rates
    for model in models:
        opts = model._meta
        listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert listing.status_code == 200, opts.label
        add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code in (200, 403), opts.label
