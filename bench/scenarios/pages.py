"""The workspace pages at 1,000 customers and 10,000 order lines, then at 100,000 and
1,000,000: the customers list, the orders list, search (part of a contact's e-mail) and
the sales report (last month), each answered whole (HTML) to a signed-in manager through
Django's test client; the median of several rounds per page, and of the time its queries
took in the database. `ratio` = large / small, the slowest page's (docs/performance.md).
"""

import statistics
import time

from bench.common import progress, settle_database
from bench.scenarios import pages_data as data
from processes.common import text_search

SMALL = (1_000, 10_000)  # customers, order lines
LARGE = (100_000, 1_000_000)
ROUNDS = 21
PAGES = ("customers", "orders", "search", "report")


def _urls(customers: int) -> dict[str, str]:
    # A customer in the middle of the first thousand: there at both sizes.
    part = data.search_part(customers // 2)  # "kowalski500@": part of the e-mail
    return {
        "customers": "/customers/",
        "orders": "/orders/",
        "search": f"/search/?q={part}",
        "report": "/reports/?months=last",
    }


def _time_pages(client, urls: dict[str, str], rounds: int) -> dict[str, dict[str, float]]:
    """Per page, milliseconds: the whole answer (`ms`) and its time in the database (`sql`),
    each the median of `rounds` after one warm-up round."""
    from django.db import connection

    spent = [0.0]

    def clocked(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    timings: dict[str, dict[str, list[float]]] = {page: {"ms": [], "sql": []} for page in urls}
    for round_number in range(rounds + 1):
        for page, url in urls.items():
            spent[0] = 0.0
            started = time.perf_counter()
            with connection.execute_wrapper(clocked):
                response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if round_number:
                timings[page]["ms"].append(elapsed)
                timings[page]["sql"].append(spent[0])
    return {
        page: {kind: statistics.median(values) * 1000 for kind, values in measured.items()}
        for page, measured in timings.items()
    }


def _check(client, urls: dict[str, str], customers: int) -> None:
    """The pages show what was seeded: the customer searched for, orders, last month's sales."""
    found = client.get(urls["search"]).content.decode()
    if data.name_of(customers // 2) not in found:
        raise RuntimeError("search did not find the customer by part of the e-mail")
    # Filtered by number: other runs' orders (o2c, api) may be newer than the seeded ones.
    if "BP-" not in client.get(f"{urls['orders']}?q=BP-").content.decode():
        raise RuntimeError("the orders list shows no seeded order")


def _client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    manager, _ = User.objects.get_or_create(
        username="bench-pages-manager", defaults={"first_name": "Mia", "last_name": "Manager"}
    )
    manager.groups.add(Group.objects.get_or_create(name="managers")[0])
    owners = []
    for n in range(10):
        owner, _ = User.objects.get_or_create(
            username=f"bench-pages-sales-{n}", defaults={"first_name": f"Sales {n}"}
        )
        owners.append(owner.pk)
    client = Client()
    client.force_login(manager)
    return client, owners


def _tables() -> list[str]:
    from processes.crm.models import Contact, ContactChannel, Party
    from processes.sales.models import SalesOrder, SalesOrderLine

    return [m._meta.db_table for m in (Party, Contact, ContactChannel, SalesOrder, SalesOrderLine)]


def _measure(client, customers: int, rounds: int) -> dict[str, dict[str, float]]:
    """The pages timed after what autovacuum does after a bulk load (PostgreSQL): VACUUM,
    which also moves the rows just inserted from the GIN indexes' pending lists into the
    indexes, and ANALYZE."""
    from django.db import connection

    settle_database(_tables(), analyze_only=connection.in_atomic_block)
    urls = _urls(customers)
    _check(client, urls, customers)
    return _time_pages(client, urls, rounds)


def run(args) -> dict:
    from django.db import connection

    small_customers, small_lines = SMALL
    large_customers, large_lines = LARGE
    if args.count:  # --count N: N order lines at the large size, customers in proportion
        large_lines = args.count
        large_customers = max(small_customers, args.count // 10)
    rounds = args.iterations or ROUNDS
    per_order = data.LINES_PER_ORDER
    client, owners = _client()
    progress("Clearing an earlier run…")
    data.clear()
    # An earlier run's rows vacuumed away (PostgreSQL), its search indexes merged (SQLite).
    if not connection.in_atomic_block:  # (a test's transaction cannot vacuum)
        settle_database(_tables())
    text_search.optimize(connection)
    products = data.products()
    started = time.perf_counter()
    data.grow_customers(0, small_customers, owners)
    data.grow_orders(0, small_lines // per_order, products, small_customers)
    progress(f"small: seeded in {time.perf_counter() - started:.1f} s")
    small = _measure(client, small_customers, rounds)
    progress(f"small: {small}")
    started = time.perf_counter()
    data.grow_customers(small_customers, large_customers, owners)
    data.grow_orders(small_lines // per_order, large_lines // per_order, products, large_customers)
    seeded = time.perf_counter() - started
    progress(f"large: seeded in {seeded:.1f} s")
    large = _measure(client, small_customers, rounds)
    progress(f"large: {large}")
    result: dict = {
        "customers_small": small_customers,
        "lines_small": small_lines,
        "customers_large": large_customers,
        "lines_large": large_lines,
        "seed_s": round(seeded, 1),
    }
    for page in PAGES:
        result[f"ms_small_{page}"] = round(small[page]["ms"], 2)
        result[f"ms_large_{page}"] = round(large[page]["ms"], 2)
        result[f"ratio_{page}"] = round(large[page]["ms"] / small[page]["ms"], 3)
        result[f"sql_ms_small_{page}"] = round(small[page]["sql"], 2)
        result[f"sql_ms_large_{page}"] = round(large[page]["sql"], 2)
    result["ratio"] = max(result[f"ratio_{page}"] for page in PAGES)
    return result
