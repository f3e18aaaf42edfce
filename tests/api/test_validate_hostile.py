"""POST /api/definitions/validate/ answers anything with 200 or 400 — never 500, never a leak."""

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tests.factories import make_user

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "miwg-reference"
ROOT = b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    + ROOT
    + b"&x;</bpmn:definitions>"
)
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b'<!ENTITY lol2 "'
    + b"&lol;" * 10
    + b'">'
    + b'<!ENTITY lol3 "'
    + b"&lol2;" * 10
    + b'">]>\n'
    + ROOT
    + b"&lol3;</bpmn:definitions>"
)


def _inputs():
    yield "malformed.bpmn", b"<bpmn:definitions><unclosed>"
    yield "empty.bpmn", b""
    yield "xxe.bpmn", XXE
    yield "bomb.bpmn", BOMB
    yield "big.bpmn", b"<x>" + b"a" * (20 * 1024 * 1024) + b"</x>"
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.bpmn")):
            yield path.name, path.read_bytes()


def test_every_input_gets_a_clear_verdict_quickly():
    client = APIClient()
    client.force_authenticate(make_user("olga", "process-owners"))
    passwd = (
        Path("/etc/passwd").read_text().splitlines()[0]
        if Path("/etc/passwd").exists()
        else "root:x:0:0"
    )
    for name, content in _inputs():
        started = time.perf_counter()
        answer = client.post(
            "/api/definitions/validate/",
            {"file": SimpleUploadedFile(name, content)},
            format="multipart",
        )
        took = time.perf_counter() - started
        assert answer.status_code in (200, 400), (name, answer.status_code)
        body = answer.json()
        assert took < 5, (name, took)
        assert passwd not in answer.content.decode(errors="replace"), name
        if answer.status_code == 200 and not body["valid"]:
            assert all(error["message"] for error in body["errors"]), name


IDLE = ROOT + b'<bpmn:process id="idle" isExecutable="false"/></bpmn:definitions>'


@pytest.mark.parametrize(
    ("language", "empty", "dtd", "idle", "foreign"),
    [
        (
            "fr",
            "Le fichier est vide.",
            "Les déclarations de type de document et les entités",
            'Aucun processus exécutable dans le déploiement : le processus "idle" n’est pas',
            "Le fichier est du XML mais ni un document BPMN ni un document DMN : son élément "
            "racine est <order>",
        ),
        (
            "ru",
            "Файл пуст.",
            "Объявления типа документа и сущности в файлах BPMN и DMN",
            'В развёртывании нет исполняемого процесса: процесс "idle" не исполняемый',
            "Файл — XML, но не документ BPMN или DMN: его корневой элемент — <order>",
        ),
    ],
)
def test_an_upload_is_refused_in_the_asked_language(language, empty, dtd, idle, foreign):
    client = APIClient()
    client.force_authenticate(make_user("olga", "process-owners"))
    said = []
    uploads = [("empty.bpmn", b""), ("xxe.bpmn", XXE), ("idle.bpmn", IDLE)]
    uploads.append(("order.bpmn", b'<?xml version="1.0"?><order id="1"/>'))
    for name, content in uploads:
        answer = client.post(
            "/api/definitions/validate/",
            {"file": SimpleUploadedFile(name, content)},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        body = answer.json()
        said.append(body["errors"][0]["message"] if "errors" in body else str(body))
    assert said[0] == empty
    assert said[1].startswith(dtd)
    assert said[2].startswith(idle)
    assert said[3].startswith(foreign)
