"""Trigram indexes for searching part of a text (processes/common/text_search.py)."""

from django.db import migrations

from processes.common import text_search

TABLES = ["crm_party", "crm_contact", "crm_contactchannel"]


def forwards(apps, schema_editor):
    text_search.ensure(schema_editor.connection, TABLES)


def backwards(apps, schema_editor):
    text_search.drop(schema_editor.connection, TABLES)


class Migration(migrations.Migration):
    dependencies = [("crm", "0004_addresses")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
