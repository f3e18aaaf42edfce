"""The case's files on the task page: attach from the page, download with the right to see."""

from django.core.files.uploadedfile import SimpleUploadedFile

from processes.collab.models import Attachment

PDF = b"%PDF-1.4\n%%EOF\n"


def test_attach_on_the_task_page_and_download(login, users, order, order_task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(users["alice"])
    page = f"/tasks/{order_task.pk}/"
    assert "No files yet" in client.get(page).content.decode()
    answer = client.post(
        "/attachments/",
        {"target": f"case:{order.pk}", "file": SimpleUploadedFile("po.pdf", PDF), "next": page},
    )
    assert answer.status_code == 302 and answer["Location"] == f"{page}#attachments"
    attachment = Attachment.objects.get()
    html = client.get(page).content.decode()
    assert f'href="/attachments/{attachment.pk}/"' in html and "po.pdf" in html
    download = client.get(f"/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # bob (warehouse) sees neither the task nor its case.
    assert login(users["bob"]).get(f"/attachments/{attachment.pk}/").status_code == 404


def test_a_refused_file_says_why_on_the_page(login, users, order, order_task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(users["alice"])
    page = f"/tasks/{order_task.pk}/"
    answer = client.post(
        "/attachments/",
        {
            "target": f"case:{order.pk}",
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 100),
            "next": page,
        },
        follow=True,
    )
    assert answer.status_code == 200
    assert "a.pdf is not a document" in answer.content.decode()
    assert not Attachment.objects.exists()
