"""At 390 px the inbox is a list of cards — one per task, its name first, each value under
its column's name, its buttons at the foot — with no sideways scrolling, in English and
in French."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from profiles.models import Profile
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e

LABELS = {"en": ("Process", "Case", "Due"), "fr": ("Processus", "Dossier", "Échéance")}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_inbox_at_390_px_is_cards_without_sideways_scrolling(session, people, language):
    deploy_fixture()
    alice_user = people["alice"]
    Profile.objects.update_or_create(user=alice_user, defaults={"language": language})
    cases = [
        instance_start(definition_key="order_approval", business_key=f"SO-40{n}", user=alice_user)
        for n in range(3)
    ]
    tasks = [HumanTask.objects.get(instance=case) for case in cases]
    task_claim(task_id=tasks[0].pk, user=alice_user)
    HumanTask.objects.filter(pk=tasks[1].pk).update(due_at=timezone.now() + timedelta(hours=3))

    alice = session(f"alice-inbox-cards-{language}")
    alice.login("alice")
    page = alice.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/inbox/?view=all")
    rows = page.locator("tr[data-task]")
    assert rows.count() == 3
    alice.screenshot("1-inbox-390")
    # No sideways scrolling, the page's nor the list's.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wrap = page.locator("table.inbox").locator("xpath=..")
    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth")
    # Cards: the column headings are gone, each row a box of its own, one under another.
    assert not page.locator("table.inbox thead").is_visible()
    boxes = [rows.nth(i).bounding_box() for i in range(3)]
    for box in boxes:
        assert box["width"] <= 390
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]
    first = rows.first
    assert first.evaluate("row => getComputedStyle(row).display") == "grid"
    # Each value says what it is: its column's name in the reader's language.
    shown = first.evaluate(
        """row => [...row.querySelectorAll('td[data-label]')]
            .map(cell => getComputedStyle(cell, '::before').content)"""
    )
    for label in LABELS[language]:
        assert f'"{label}"' in shown, (label, shown)
    assert "SO-40" in first.inner_text()
    # The claimed task's card offers "Open", an unclaimed one "Claim": at hand, inside the card.
    claim = page.locator(f'tr[data-task="{tasks[2].pk}"] button[data-claim]')
    assert claim.is_visible()
    claim_box = claim.bounding_box()
    assert claim_box["x"] >= 0 and claim_box["x"] + claim_box["width"] <= 390
    alice.assert_no_console_errors()
