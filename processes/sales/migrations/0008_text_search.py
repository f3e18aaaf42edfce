"""Trigram indexes for searching part of a text (processes/common/text_search.py)."""

from django.db import migrations

from processes.common import text_search

TABLES = ["sales_salesorder", "sales_quotation", "sales_invoice"]


def forwards(apps, schema_editor):
    text_search.ensure(schema_editor.connection, TABLES)


def backwards(apps, schema_editor):
    text_search.drop(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("sales", "0007_order_list_and_report_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
