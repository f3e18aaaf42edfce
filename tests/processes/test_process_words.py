"""The shipped diagrams' names are marked for the catalogues (processes/process_words.py)
and the pages show them in the reader's language."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from lxml import etree

from engine.models import HumanTask
from processes.process_words import PROCESS_WORDS, process_word
from tests.factories import make_user

BPMN = Path(__file__).resolve().parents[2] / "processes" / "bpmn"
MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
# Named things a page never shows by name: flows, lanes, messages and the like.
UNSHOWN = {
    "sequenceFlow", "lane", "laneSet", "message", "signal", "error", "escalation",
    "participant", "collaboration", "dataObject", "dataObjectReference", "textAnnotation",
    "messageFlow", "itemDefinition", "dataStoreReference", "dataStore", "definitions",
}  # fmt: skip


def shipped_names() -> set[str]:
    names = set()
    for path in sorted(BPMN.glob("*.bpmn")):
        for element in etree.parse(str(path)).iter():
            if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{MODEL}}}"):
                continue
            if etree.QName(element).localname not in UNSHOWN and element.get("name"):
                names.add(element.get("name"))
    return names


def test_every_name_of_the_shipped_diagrams_is_marked():
    with translation.override("en"):
        assert {str(word) for word in PROCESS_WORDS} == shipped_names()


def test_a_name_reads_in_french_and_russian_and_an_owners_own_stays_as_written():
    with translation.override("fr"):
        assert process_word("Enter the order") == "Saisir la commande"
        assert process_word("Order to cash") == "De la commande à l'encaissement"
        assert process_word("My own step") == "My own step"
    with translation.override("ru"):
        assert process_word("Pick the goods") == "Собрать товар"
    assert process_word("") == ""


@pytest.mark.django_db
def test_alices_inbox_and_task_page_name_the_process_and_step_in_french(settings):
    settings.HYPERCRM = {
        **settings.HYPERCRM,
        "FORMS_DIR": django_settings.BASE_DIR / "forms" / "schemas",
    }
    call_command("deploy_processes", stdout=StringIO())
    alice = make_user("alice", "sales")
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(alice)
    started = client.post("/start/sales/", follow=True)
    assert started.status_code == 200
    task = HumanTask.objects.get(instance__definition__key="sales")
    page = client.get(f"/tasks/{task.pk}/").content.decode().replace("&#x27;", "'")
    assert "<h1>Saisir la commande" in page
    assert "De la commande à l'encaissement" in page
    inbox = client.get("/inbox/").content.decode().replace("&#x27;", "'")
    assert "Saisir la commande" in inbox and "Enter the order" not in inbox
