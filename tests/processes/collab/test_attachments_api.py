"""Attachments: alice attaches a PDF to an order, bob downloads it, dave may not; a file
too large or an executable renamed .pdf is refused and nothing is stored."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from processes.collab.models import Attachment
from processes.sales.services.orders import order_create
from tests.factories import make_user
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def order():
    return order_create(
        party=make_customer("Acme Tools"),
        lines=[{"product": make_product("DRL-1"), "quantity": Decimal("1")}],
    )


def _upload(client, target, name, content):
    return client.post(
        "/api/attachments/",
        {"target": target, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def _stored(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file()] if Path(media).exists() else []


def test_alice_attaches_a_pdf_bob_downloads_it_dave_may_not(api, people, order, media):
    answer = _upload(api(people.alice), f"order:{order.pk}", "../quote from supplier.pdf", PDF)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["name"] == "quote from supplier.pdf"
    assert body["content_type"] == "application/pdf" and body["size"] == len(PDF)
    [stored] = _stored(media)
    assert stored.read_bytes() == PDF and "supplier" not in stored.name

    listed = api(people.bob).get("/api/attachments/", {"target": f"order:{order.pk}"})
    assert [a["name"] for a in listed.json()] == ["quote from supplier.pdf"]
    download = api(people.bob).get(body["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="quote from supplier.pdf"' in download["Content-Disposition"]

    dave = make_user("dave")
    assert api(dave).get(body["download"]).status_code == 404
    assert api(dave).get("/api/attachments/", {"target": f"order:{order.pk}"}).status_code == 404
    assert _upload(api(dave), f"order:{order.pk}", "x.pdf", PDF).status_code == 404


def test_too_large_or_an_executable_renamed_pdf_is_refused_and_nothing_stored(
    api, people, order, media, settings
):
    settings.HYPERCRM = {**settings.HYPERCRM, "ATTACHMENT_MAX_BYTES": 1024}
    big = _upload(api(people.alice), f"order:{order.pk}", "big.pdf", PDF + b"0" * 2000)
    assert big.status_code == 400
    assert "files up to 1.0\xa0KB" in big.json()["detail"]
    exe = _upload(api(people.alice), f"order:{order.pk}", "invoice.pdf", EXE)
    assert exe.status_code == 400
    assert "invoice.pdf is not a document" in exe.json()["errors"]["file"][0]
    assert "x-msdownload" in exe.json()["detail"]
    empty = _upload(api(people.alice), f"order:{order.pk}", "empty.txt", b"")
    assert empty.status_code == 400
    missing = api(people.alice).post(
        "/api/attachments/", {"target": f"order:{order.pk}"}, format="multipart"
    )
    assert missing.status_code == 400 and "file" in missing.json()["errors"]
    bad_target = _upload(api(people.alice), "order", "a.pdf", PDF)
    assert bad_target.status_code == 400 and "target" in bad_target.json()["errors"]
    assert not Attachment.objects.exists()
    assert _stored(media) == []


def test_text_is_taken_by_its_content(api, people, order):
    answer = _upload(
        api(people.alice), f"order:{order.pk}", "notes.csv", "a;b\nПривет;1\n".encode()
    )
    assert answer.status_code == 201 and answer.json()["content_type"] == "text/plain"
    binary = _upload(api(people.alice), f"order:{order.pk}", "notes.txt", b"\x00\x01\x02\x03")
    assert binary.status_code == 400
