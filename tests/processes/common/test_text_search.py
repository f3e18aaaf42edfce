"""The trigram search finds what the plain `icontains` / `istartswith` find, from its index,
and keeps up with every insert, change and delete of the rows."""

import pytest
from django.db import connection
from django.db.models import Q

from processes.common import text_search
from processes.common.text_search import containing, starting
from processes.crm.models import Contact, ContactChannel, Party
from processes.sales.models import SalesOrder

pytestmark = pytest.mark.django_db

NAMES = [
    "Acme Tools Ltd",
    "ACME tooling",
    "Zoë Café",
    'The "Quoted" Company',
    "Büro Müller GmbH",
    "Ο Έλληνας",
    "ab",
    "100% Cotton",
    "under_score & co",
]
QUERIES = [
    "acme", "ACME", "cme t", "tool", "Zoë", "café", "CAFÉ", '"quoted"', 'd" c', "müller",
    "MÜLLER", "έλλ", "ab", "a", "", "100%", "0% c", "_sc", "r_s", "nothing like it", "ltd",
]  # fmt: skip


def _parties():
    return [Party.objects.create(name=name, tax_id=f"FR{n:04d}X") for n, name in enumerate(NAMES)]


def _plain(model, lookup, field, q):
    return set(model.objects.filter(**{f"{field}__{lookup}": q}).values_list("pk", flat=True))


def test_containing_and_starting_answer_as_the_plain_lookups():
    _parties()
    for q in QUERIES:
        assert set(containing(Party, "name", q).values_list("pk", flat=True)) == _plain(
            Party, "icontains", "name", q
        ), q
        assert set(starting(Party, "name", q).values_list("pk", flat=True)) == _plain(
            Party, "istartswith", "name", q
        ), q
        assert set(containing(Party, "tax_id", q).values_list("pk", flat=True)) == _plain(
            Party, "icontains", "tax_id", q
        ), q


def test_the_index_keeps_up_with_inserts_changes_and_deletes():
    acme, tooling, *_rest = _parties()
    found = lambda q: set(containing(Party, "name", q).values_list("pk", flat=True))  # noqa: E731
    assert found("tool") == {acme.pk, tooling.pk}
    acme.name = "Acme Hammers Ltd"
    acme.save()
    assert found("tool") == {tooling.pk} and found("hammer") == {acme.pk}
    Party.objects.filter(pk=tooling.pk).update(name="Other")
    assert found("tool") == set() and found("other") == {tooling.pk}
    tooling.delete()
    assert found("other") == set()
    later = Party.objects.create(name="Late Tools")
    assert found("tool") == {later.pk}


def test_a_channel_value_is_found_by_any_part_of_it():
    party = Party.objects.create(name="Northwind")
    contact = Contact.objects.create(party=party, name="Jane Roe")
    ContactChannel.objects.create(contact=contact, kind="email", value="Jane.Roe@NorthWind.example")
    for q in ("jane.roe@", "roe@northw", "WIND.EX", "e.r"):
        assert list(containing(ContactChannel, "value", q)) == [contact.channels.get()], q
    assert list(containing(ContactChannel, "value", "roe@south")) == []


def test_order_numbers_by_their_start():
    party = Party.objects.create(name="Northwind")
    orders = [SalesOrder.objects.create(party=party, number=f"SO-{n:05d}") for n in (1, 12, 120)]
    for q in ("so-0001", "SO-00012", "so-", "00012", "o-00"):
        assert set(starting(SalesOrder, "number", q)) == set(
            SalesOrder.objects.filter(number__istartswith=q)
        ), q
    assert set(starting(SalesOrder, "number", "so-0001")) == {orders[1]}


def test_the_search_is_answered_from_the_index():
    """The plan reads the trigram index (SQLite: its FTS5 table; PostgreSQL: the GIN
    index, once the scans a tiny table would invite are ruled out)."""
    _parties()
    rows = containing(Party, "name", "acme")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert text_search.index_name("crm_party", "name") in plan


def test_a_table_rebuilt_without_its_index_gets_it_back():
    """SQLite drops a table's triggers when it rebuilds the table; `ensure` (after every
    migration) makes them again and refills the index."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's triggers")
    acme, *_rest = _parties()
    name = text_search.index_name("crm_party", "name")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{name}_insert"')
    missed = Party.objects.create(name="Missed Tools")
    text_search.ensure(connection, ["crm_party"])
    found = set(containing(Party, "name", "tool").values_list("pk", flat=True))
    assert missed.pk in found and acme.pk in found
    assert Party.objects.filter(Q(name__icontains="tool")).count() == len(found)


def test_the_index_merged_after_many_deletes_answers_the_same():
    parties = _parties()
    Party.objects.filter(pk__in=[p.pk for p in parties[::2]]).delete()
    text_search.optimize(connection)
    for q in QUERIES:
        assert set(containing(Party, "name", q).values_list("pk", flat=True)) == _plain(
            Party, "icontains", "name", q
        ), q
