"""Every route × every demo person, compared with the rights matrix written out below.

The routes come from the URL configuration: a route the matrix does not name fails the
test, and so does a person who gets past a route the matrix refuses her (a leak), a
person refused where the matrix lets her in, and any 5xx. Each route is asked with GET
and with an empty POST (rolled back) where it serves them, as the person signed in with a session.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import ERROR, get_messages
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver

from engine.models import HumanTask, ProcessInstance
from processes.notifications.models import Notification
from tests.processes.business import media  # noqa: F401 - documents go to a temporary MEDIA_ROOT

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ANON = "anon"
STAFF = {"admin"}
ALL = {"alice", "bob", "carol", "dave", "erin", "olga", "admin"}
ANYONE = ALL | {ANON}
MODELERS = {"olga", "admin"}
MONITORS = {"erin", "admin"}
VIEWERS = MODELERS | MONITORS

# The demo groups' rights, written out by hand (not read from the code).
EVERYONE_READS = (
    "customers", "deals", "products", "prices", "stock", "quotations", "orders",
    "purchases", "production", "boms", "shipments",
)  # fmt: skip
READS = dict.fromkeys(EVERYONE_READS, ALL) | {
    "invoices": {"alice", "erin", "admin"},  # the warehouse, production ... read no invoices
    "payments": {"alice", "erin", "admin"},
    "reports": {"erin", "admin"},
}
WRITES = {
    "customers": {"alice", "admin"},
    "deals": {"alice", "admin"},
    "quotations": {"alice", "admin"},
    "orders": {"alice", "admin"},
    "invoices": {"alice", "admin"},
    "payments": {"alice", "admin"},
    "products": {"erin", "olga", "admin"},
    "prices": {"erin", "olga", "admin"},
    "boms": {"carol", "erin", "olga", "admin"},
    "stock": {"bob", "admin"},
    "shipments": {"bob", "admin"},
    "production": {"carol", "admin"},
    "purchases": {"dave", "admin"},
    "reports": STAFF,
}
APPROVES_PURCHASES = {"erin", "admin"}

# Business routes (under /api/): route → kind; GET needs read, POST write.
BUSINESS = {
    "parties": "customers",
    "contacts": "customers",
    "addresses": "customers",
    "interactions": "customers",
    "deals": "deals",
    "funnel-stages": "deals",
    "products": "products",
    "price-lists": "prices",
    "customer-prices": "prices",
    "warehouses": "stock",
    "stock-moves": "stock",
    "stock-transfers": "stock",
    "stock-counts": "stock",
    "reservations": "stock",
    "quotations": "quotations",
    "sales-orders": "orders",
    "invoices": "invoices",
    "credit-notes": "invoices",
    "payments": "payments",
    "purchase-requests": "purchases",
    "purchase-orders": "purchases",
    "goods-receipts": "purchases",
    "supplier-bills": "purchases",
    "boms": "boms",
    "manufacturing-orders": "production",
    "shipments": "shipments",
}
# A business action needing another right than write.
BUSINESS_ACTIONS = {
    "purchase-orders/{pk}/approve/": APPROVES_PURCHASES,
    "purchase-orders/{pk}/reject/": APPROVES_PURCHASES,
}

# The demo's instance 1 was started by alice; its task waits for sales (alice). Managers
# see every instance and task; a person sees those she started or has work in.
INSTANCE_1 = {"alice", "erin", "admin"}
TASK_1 = {"alice", "erin", "admin"}
TASK_1_WORKERS = {"alice", "admin"}
SALES_STARTERS = {"alice", "admin"}

# route → (who gets past GET, who gets past POST); None: the method is not served.
ENGINE_AND_PAGES = {
    "health/": (ANYONE, None),
    "health/live/": (ANYONE, None),
    "health/ready/": (ANYONE, None),
    "metrics": (ANYONE, None),  # this machine, or the scraper's token
    "api/auth/token/": (None, ANYONE),  # the credentials decide
    "api/schema/": (ANYONE, None),
    "api/definitions/": (ALL, MODELERS),
    "api/definitions/validate/": (None, MODELERS),
    "api/definitions/{key}/": (ALL, None),
    "api/definitions/{key}/start/": (None, SALES_STARTERS),
    "api/definitions/{key}/xml/": (ALL, None),
    "api/definitions/{key}/diff/": (ALL, None),  # without ?from=&to=: 400 naming them
    "api/definitions/{key}/rollback/": (None, MODELERS),  # an empty body: 400
    "api/element-templates/": (MODELERS, None),
    "api/instances/": (ALL, ALL),  # lists what she may see; a start names its process
    "api/instances/{pk}/": (INSTANCE_1, None),
    "api/instances/{pk}/history/": (INSTANCE_1, None),
    "api/instances/{pk}/cancel/": (None, INSTANCE_1),
    "api/instances/{pk}/suspend/": (None, INSTANCE_1),
    "api/instances/{pk}/resume/": (None, INSTANCE_1),
    # PATCH by managers and process owners who see it; POST answers 405 past the check.
    "api/instances/{pk}/variables/": (None, ALL),
    # Managers and process owners, of the instances they see: an empty body 400.
    "api/instances/{pk}/modify/": (None, MONITORS),
    "api/batches/": (MONITORS, MONITORS),  # managers: an empty body 400
    "api/batches/{pk}/": (MONITORS, None),  # managers (none in the demo: a 404)
    "api/migrations/plan/": (None, VIEWERS),  # managers and process owners: an empty body 400
    "api/migrations/": (None, VIEWERS),
    "api/signals/": (None, ALL),  # the body decides before the right (tests/engine/test_signals.py)
    "engine-rest/engine": (ANYONE, None),
    "engine-rest/external-task/fetchAndLock": (None, set()),  # Basic or Bearer, never a session
    "engine-rest/external-task/{task_id}/complete": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/external-task/{task_id}/failure": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/external-task/{task_id}/bpmnError": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/external-task/{task_id}/extendLock": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/external-task/{task_id}/unlock": (None, set()),  # Basic or Bearer, never a session
    "engine-rest/process-definition/key/{key}/start": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/message": (None, set()),  # Basic or Bearer, never a session
    "engine-rest/signal": (None, set()),  # Basic or Bearer, never a session
    "engine-rest/engine/default/engine": (ANYONE, None),
    "engine-rest/engine/default/external-task/fetchAndLock": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/external-task/{task_id}/complete": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/external-task/{task_id}/failure": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/external-task/{task_id}/bpmnError": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/external-task/{task_id}/extendLock": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/external-task/{task_id}/unlock": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/process-definition/key/{key}/start": (
        None,
        set(),
    ),  # Basic or Bearer, never a session
    "engine-rest/engine/default/message": (None, set()),  # Basic or Bearer, never a session
    "engine-rest/engine/default/signal": (None, set()),  # Basic or Bearer, never a session
    "api/messages/": (None, ALL),  # the message's name decides (tests/api/test_messages.py)
    "api/incidents/": (ALL, None),  # lists what she may see
    "api/incidents/{pk}/retry/": (None, MONITORS),
    "api/tasks/": (ALL, None),
    "api/tasks/{pk}/": (TASK_1, None),
    "api/tasks/{pk}/claim/": (None, TASK_1_WORKERS),
    "api/tasks/{pk}/unclaim/": (None, TASK_1_WORKERS),
    "api/tasks/{pk}/complete/": (None, TASK_1_WORKERS),
    # The hand-over body is read first (empty: 400); who may is tests/api/test_delegation.py.
    "api/tasks/{pk}/assign/": (None, ALL),
    "api/tasks/{pk}/delegate/": (None, ALL),
    "api/tasks/{pk}/resolve/": (None, ALL),
    "api/tasks/{pk}/follow-up/": (None, ALL),  # an empty body: 400; who may: its own test
    "api/kpis/": (READS["reports"], None),
    "api/notifications/": (ALL, None),
    "api/notifications/all/read/": (None, ALL),
    "api/notifications/{pk}/read/": (None, {"alice"}),  # alice's own
    "notifications/": (ALL, None),
    "notifications/bell/": (ALL, None),
    "notifications/read/": (None, ALL),
    "notifications/{pk}/read/": (None, {"alice"}),
    "": (ALL, None),
    "login/": (ANYONE, ANYONE),
    "logout/": (None, ANYONE),
    "inbox/": (ALL, None),
    "start/{key}/": (None, SALES_STARTERS),
    # Only the task's holder posts its form (tests/web/test_task_claiming.py); the demo's
    # task 1 is held by nobody, so a post is refused for everyone ("Claim and start" first).
    "tasks/{pk}/": (TASK_1, set()),
    "tasks/{pk}/summary/": (None, TASK_1),  # what the form adds up to; stores nothing
    "tasks/{pk}/claim/": (None, TASK_1_WORKERS),
    "tasks/{pk}/unclaim/": (None, TASK_1_WORKERS),
    "tasks/{pk}/assign/": (None, MONITORS | STAFF),
    "tasks/{pk}/delegate/": (None, TASK_1),
    "tasks/{pk}/resolve/": (None, TASK_1),
    "tasks/{pk}/follow-up/": (None, TASK_1),  # the page's 404 for a task she may not see
    "processes/": (VIEWERS, None),
    "processes/{key}/": (VIEWERS, None),
    "processes/{key}/bpmn/": (VIEWERS, None),
    "processes/{key}/modeler/": (MODELERS, None),
    "processes/{key}/versions/": (VIEWERS, None),
    "processes/{key}/diff/": (VIEWERS, None),
    "processes/{key}/migrate/": (VIEWERS, VIEWERS),
    "processes/{key}/versions/{version}/rollback/": (None, MODELERS),
    "modeler/new/": (MODELERS, None),
    "modeler/validate/": (None, MODELERS),
    "modeler/deploy/": (None, MODELERS),
    "modeler/try/": (None, MODELERS),  # an empty diagram: 400
    "modeler/forms/new/": (None, MODELERS),  # no task named: 400
    "decisions/": (VIEWERS, None),
    "decisions/{decision_id}/edit/": (MODELERS, None),
    "decisions/{decision_id}/validate/": (None, MODELERS),  # an empty body: 400
    "decisions/{decision_id}/deploy/": (None, MODELERS),
    "forms/": (VIEWERS, None),
    "forms/{form_name}/edit/": (MODELERS, None),
    "forms/{form_name}/validate/": (None, MODELERS),  # an empty body: 400
    "forms/{form_name}/preview/": (None, MODELERS),
    "forms/{form_name}/deploy/": (None, MODELERS),
    "monitor/": (MONITORS, None),
    "monitor/instances/{pk}/": (MONITORS, None),
    "monitor/instances/{pk}/{action}/": (None, MONITORS),
    "monitor/instances/{pk}/variables/": (None, MONITORS),
    "monitor/instances/{pk}/modify/": (None, MONITORS),
    "monitor/batches/": (None, MONITORS),
    "monitor/batches/{pk}/": (MONITORS, None),  # none in the demo: a 404
    "monitor/incidents/{pk}/retry/": (None, MONITORS),
    "dashboard/": (MONITORS, None),
    "profile/": (ALL, ALL),
    "customers/": (READS["customers"], None),
    "customers/{pk}/": (READS["customers"], None),
    "customers/{pk}/log/": (None, WRITES["customers"]),
    "customers/{pk}/addresses/": (None, WRITES["customers"]),
    "customers/{pk}/contacts/": (None, WRITES["customers"]),
    "customers/{pk}/contacts/{contact_id}/gone/": (None, WRITES["customers"]),
    "customers/{pk}/addresses/{address_id}/remove/": (None, WRITES["customers"]),
    "customers/{pk}/addresses/{address_id}/edit/": (WRITES["customers"], WRITES["customers"]),
    # The workspace's pages: reading follows the kind's read right, forms its write right.
    "customers/new/": (WRITES["customers"], WRITES["customers"]),
    "customers/import/": (WRITES["customers"], WRITES["customers"]),
    "customers/{pk}/edit/": (WRITES["customers"], WRITES["customers"]),
    "customers/{pk}/order/": (None, {"alice", "admin"}),  # who may start sales
    "orders/new/": (None, {"alice", "admin"}),
    "deals/": (READS["deals"], None),
    "deals/new/": (WRITES["deals"], WRITES["deals"]),
    "deals/{pk}/move/": (None, WRITES["deals"]),
    "products/": (READS["products"], None),
    "products/{pk}/": (READS["products"], None),
    "products/import/": (WRITES["products"], WRITES["products"]),
    "products/{pk}/reorder/": (None, WRITES["stock"]),
    "stock/": (READS["stock"], None),
    "stock/transfer/": (None, WRITES["stock"]),
    "stock/count/": (None, WRITES["stock"]),
    "quotations/": (READS["quotations"], None),
    "quotations/{pk}/": (READS["quotations"], None),
    "orders/": (READS["orders"], None),
    "orders/{pk}/": (READS["orders"], None),
    "invoices/": (READS["invoices"], None),
    "invoices/{pk}/": (READS["invoices"], None),
    "payments/": (READS["payments"], None),
    "payments/{pk}/": (READS["payments"], None),
    "purchase-orders/": (READS["purchases"], None),
    "purchase-orders/{pk}/": (READS["purchases"], None),
    "manufacturing-orders/": (READS["production"], None),
    "manufacturing-orders/{pk}/": (READS["production"], None),
    "shipments/": (READS["shipments"], None),
    "shipments/{pk}/": (READS["shipments"], None),
    "search/": (ALL, None),
    "reports/": (READS["reports"], None),
    "reports/stock/": (READS["reports"], None),
    "reports/purchases/": (READS["reports"], None),
    "reports/production/": (READS["reports"], None),
    "reports/cycle-times/": (READS["reports"], None),
    "rights/": (STAFF, STAFF),
    "settings/company/": (STAFF, STAFF),  # an empty POST: 400 naming the legal name
    # Accounts: administrators only; the link to set a password is for whoever holds it.
    "people/": (STAFF, STAFF),
    "people/{pk}/": (STAFF, STAFF),  # an empty POST: 400 naming what to change
    "password/set/{uidb64}/{token}/": (ANYONE, ANYONE),  # a link that is not valid: a notice
    "api/users/": (STAFF, STAFF),
    "api/users/{pk}/": (STAFF, STAFF),  # PATCH; POST answers 405 past the check
    "api/users/{pk}/password-reset/": (None, STAFF),
    "audit/": (MONITORS, None),
    "api/audit/": (MONITORS, None),
    "api/rights/": (STAFF, None),
    "api/rights/{name}/": (None, STAFF),  # PUT; POST answers 405 past the check
    "api/auth/tokens/": (ALL, ALL),  # one's own tokens
    "api/auth/tokens/{pk}/": (None, ALL),  # DELETE one's own; POST answers 405 past the check
    # Comments: the target (in the query or body) decides who sees and posts (targets.py).
    "api/comments/": (ALL, ALL),
    "api/comments/{pk}/": (None, ALL),  # PATCH by its author; POST answers 405 past the check
    "api/comments/{pk}/remove/": (None, ALL),
    "comments/": (None, ALL),
    "comments/{pk}/remove/": (None, ALL),
    "backups/{name}/": (MONITORS, None),
    # One's own notification settings and saved filters; attachments: their target decides.
    "api/notifications/preferences/": (ALL, ALL),
    "notifications/settings/": (ALL, ALL),
    "notifications/processes/{key}/end/": (None, MODELERS),  # a diagram's owners mark it
    "api/filters/": (ALL, ALL),
    "api/filters/{pk}/": (None, ALL),  # DELETE one's own; POST answers 405 past the check
    # The list pages' saved filters: an empty name is a notice; the monitor's for its viewers.
    "inbox/filters/": (None, ALL),
    "monitor/filters/": (None, MONITORS),
    "filters/{pk}/delete/": (None, ALL),  # one's own (none in the demo: a notice)
    "api/attachments/": (ALL, ALL),
    "api/attachments/{pk}/download/": (ALL, None),
    "attachments/": (None, ALL),
    "attachments/{pk}/": (ALL, None),
    "admin/": (STAFF, None),  # Django's admin site: every admin/ route needs staff
}

# Page forms that an empty POST answers with an error notice (or a 404 for the group it does
# not name) for everyone, and a backup the demo does not have: checked for refusals only
# (who may hand over: tests/api/test_delegation.py, tests/e2e/test_delegation.py).
REFUSALS_ONLY = {
    "tasks/{pk}/follow-up/",
    "tasks/{pk}/assign/",
    "tasks/{pk}/delegate/",
    "tasks/{pk}/resolve/",
    "comments/",
    "rights/",
    "backups/{name}/",
    "processes/{key}/versions/{version}/rollback/",  # to the version in force: a notice
    "monitor/instances/{pk}/variables/",
    "monitor/instances/{pk}/modify/",  # nothing chosen: a notice
    "monitor/batches/",  # no operation chosen: a notice
    "processes/{key}/migrate/",  # no case chosen: a notice
    # The target (in the query or the form) decides; an empty one is refused for everyone.
    "api/notifications/preferences/",
    "notifications/settings/",
    "api/filters/",
    "inbox/filters/",
    "monitor/filters/",
    "api/attachments/",
    "attachments/",
}

PEOPLE = ["anon", "alice", "bob", "carol", "dave", "erin", "olga", "admin"]


def routes(patterns=None, prefix=""):
    """(template, callback) of every route, with parameters named {…}."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        text = (prefix + str(pattern.pattern)).replace("^", "").replace("$", "")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
        text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
        yield text, pattern.callback


def business_rule(template: str):
    """(GET, POST) of a business route under api/, or None if it is not one."""
    if not template.startswith("api/"):
        return None
    rest = template.removeprefix("api/")
    kind = BUSINESS.get(rest.split("/", 1)[0])
    if kind is None:
        return None
    post = BUSINESS_ACTIONS.get(rest, WRITES.get(kind, STAFF))
    return READS[kind], post


def expected(template: str):
    if template.startswith("admin/"):
        return ENGINE_AND_PAGES["admin/"] if template == "admin/" else "admin site"
    return business_rule(template) or ENGINE_AND_PAGES.get(template)


def refused(response) -> bool:
    """A refusal as the person meets it: 401/403/404, the login page, or an error notice."""
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code == 302:
        if "/login/?next=" in response["Location"]:
            return True
        notices = get_messages(response.wsgi_request)
        return any(notice.level == ERROR for notice in notices)
    return False


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    for command in ("deploy_processes", "seed_demo", "seed_demo_company"):
        call_command(command, stdout=StringIO())
    users = {user.username: user for user in get_user_model().objects.all()}
    alice = users["alice"]
    notification = Notification.objects.filter(recipient=alice).first()
    if notification is None:
        notification = Notification.objects.create(recipient=alice, kind="task", key="matrix")
    instance = ProcessInstance.objects.filter(started_by=alice).order_by("pk").first()
    task = HumanTask.objects.filter(instance=instance, status="open").first()
    values = {
        "key": "sales",
        "task_id": "00000000-0000-0000-0000-000000000000",  # an external task (none)
        "instance": instance.pk,
        "task": task.pk,
        "incident": None,  # the demo has none
        "notification": notification.pk,
        "action": "cancel",
        "name": "sales",
        "version": 1,
        "decision_id": "purchase_approval",
        "form_name": "sales-decision-schema.json",
        "person": alice.pk,
        "uidb64": "MQ",
        "token": "not-a-token",
    }
    from processes.crm.models import Address, Contact, Party

    values["party"] = Party.objects.filter(is_customer=True).order_by("pk").first().pk
    values["address_id"] = Address.objects.get(party_id=values["party"]).pk
    values["contact_id"] = Contact.objects.filter(party_id=values["party"]).first().pk
    return users, values


# What {pk} stands for, by the segment before it (else the first record of the view's model).
PK_OF = {
    "instances": "instance",
    "tasks": "task",
    "incidents": "incident",
    "notifications": "notification",
    "customers": "party",
    "people": "person",
    "users": "person",
}


def fill(template: str, callback, values: dict) -> tuple[str, bool]:
    """The route's URL with the demo's records in it, and whether the record exists."""
    url = "/" + template
    if "{pk}" not in url:
        return url.format(**values), True
    named = next((name for name in PK_OF if f"{name}/{{pk}}" in template), None)
    if named is not None:
        pk = values[PK_OF[named]]
    else:
        queryset = getattr(getattr(callback, "cls", None), "queryset", None)
        first = queryset.model.objects.order_by("pk").first() if queryset is not None else None
        pk = first.pk if first else None
    return url.format(**{**values, "pk": pk or 999_999}), bool(pk)


def verdict(person: str, allowed: set[str], response, checked: bool) -> str | None:
    """What is wrong with the answer, or None."""
    if response.status_code >= 500:
        return "a server error"
    if person in allowed and checked and refused(response):
        return "refused; the matrix allows it"
    if person not in allowed and not refused(response):
        return "a leak; the matrix refuses it"
    if person != ANON and response.status_code == 403:
        if response.get("Content-Type", "").startswith("application/json"):
            reason = response.json().get("detail")
        else:
            reason = response.content.decode()
        if not reason:
            return "403 without a reason"
    return None


def ask(client, method: str, url: str):
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def test_every_route_answers_every_demo_person_as_the_matrix_says(demo):
    users, values = demo
    problems = []
    seen = set()
    for template, callback in routes():
        rule = expected(template)
        if rule is None:
            problems.append(f"{template}: not in the matrix")
            continue
        if rule == "admin site":
            # Django's admin wraps every view of its site in its staff check.
            continue
        seen.add(template)
        url, exists = fill(template, callback, values)
        checked = exists and template not in REFUSALS_ONLY
        for person in PEOPLE:
            client = Client()
            if person != ANON:
                client.force_login(users[person])
            for method, allowed in zip(("get", "post"), rule, strict=True):
                if allowed is None:
                    continue  # not served: 405
                response = ask(client, method, url)
                where = f"{method.upper()} {url} as {person}: {response.status_code}"
                problem = verdict(person, allowed, response, checked)
                if problem:
                    problems.append(f"{where} ({problem})")
    assert not problems, "\n".join(problems)
    # The matrix names no route that is gone.
    stale = set(ENGINE_AND_PAGES) - seen
    assert not stale, stale
