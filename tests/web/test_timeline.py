"""Comments take their place in a case's history and a customer's timeline: who wrote
them (by name), when (in words and numbers, not ISO), a few words, a link to the whole."""

import re
from datetime import datetime

from django.utils import timezone

from engine.services.tasks import task_complete
from processes.collab.comments import comment_post, comment_remove
from processes.collab.models import Comment
from tests.factories import make_user
from tests.processes.factories import make_customer


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def _at(when: datetime) -> str:
    return f"{timezone.localtime(when):%b} {timezone.localtime(when).day}, "


def test_the_case_history_shows_its_comments_in_their_place(login, users, order, order_task):
    ann = make_user("ann", "sales", first_name="Ann", last_name="Lee")
    on_case = comment_post(user=ann, target=f"case:{order.pk}", body="Customer **called** back")
    on_task = comment_post(user=users["alice"], target=f"task:{order_task.pk}", body="On it")
    task_complete(
        task_id=order_task.pk,
        user=users["alice"],
        data={"customer": "Big", "quantity": 100, "price": 50},
    )
    for page in (f"/monitor/instances/{order.pk}/", f"/tasks/{order_task.pk}/"):
        user = users["erin"] if "monitor" in page else users["alice"]
        html = login(user).get(page).content.decode()
        timeline = _section(html, '<ol class="timeline"', "</ol>")
        lines = re.findall(r'<li class="ev ev-([\w-]+)"', timeline)
        # Started, the task came up, the two comments, then the completion and what followed.
        assert lines.index("comment") > lines.index("task_created")
        assert lines.index("comment") < lines.index("task_completed")
        assert lines.count("comment") == 2
        assert "Ann Lee commented" in timeline
        assert "Customer called back" in timeline  # the words, not the Markdown
        assert f'href="#comment-{on_case.pk}"' in timeline
        assert "alice commented on “Enter order”" in timeline
        assert f'href="/tasks/{order_task.pk}/#comment-{on_task.pk}"' in timeline
        assert _at(on_case.created_at) in timeline
        shown = re.sub(r"<[^>]+>", "", timeline)
        assert on_case.created_at.date().isoformat() not in shown  # a date for people


def test_a_removed_comment_stays_on_the_history_as_removed(login, users, order):
    comment = comment_post(user=users["alice"], target=f"case:{order.pk}", body="secret words")
    comment_remove(user=users["erin"], comment_id=comment.pk)
    html = login(users["erin"]).get(f"/monitor/instances/{order.pk}/").content.decode()
    timeline = _section(html, '<ol class="timeline"', "</ol>")
    assert "A comment by alice, removed by erin" in timeline
    assert "secret words" not in html


def test_the_customer_timeline_shows_its_comments_newest_first(login, users):
    acme = make_customer("Acme Tools")
    first = comment_post(user=users["alice"], target=f"customer:{acme.pk}", body="Met at the fair")
    Comment.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=2)
    )
    second = comment_post(
        user=users["alice"], target=f"customer:{acme.pk}", body="Sent the catalogue"
    )
    html = login(users["alice"]).get(f"/customers/{acme.pk}/").content.decode()
    timeline = _section(html, 'id="timeline"', "</section>")
    assert "Nothing logged yet" not in timeline
    assert timeline.index(f'data-comment="{second.pk}"') < timeline.index(
        f'data-comment="{first.pk}"'
    )
    assert "Met at the fair" in timeline and "alice commented" in timeline


def test_hand_overs_name_both_people_and_read_them_at_once(login, users, order, order_task):
    """Each hand-over says from whom to whom by full name; the names of ten hand-overs are
    read in one query, as the names of one are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engine.services.delegation import task_assign

    for n in range(4):
        make_user(f"s{n}", "sales", first_name=f"Seller{n}", last_name="Lee")

    def page_queries() -> tuple[str, int]:
        client = login(users["erin"])
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/monitor/instances/{order.pk}/").content.decode()
        return _section(html, '<ol class="timeline"', "</ol>"), len(queries)

    task_assign(task_id=order_task.pk, user=users["erin"], to="s0")
    timeline, one = page_queries()
    assert "to Seller0 Lee" in re.sub(r"\s+", " ", timeline)
    for n in range(1, 10):
        task_assign(task_id=order_task.pk, user=users["erin"], to=f"s{n % 4}")
    timeline, ten = page_queries()
    assert "from Seller0 Lee to Seller1 Lee" in re.sub(r"\s+", " ", timeline)
    assert ten == one
