"""The import page: check a file, see each problem by line and column, import it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from processes.crm.models import Party

GOOD = "name,role,contact_name,contact_email\nAcme Tools,customer,Jane Roe,jane@acme.example\n"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("customers.csv", text.encode("utf-8"), "text/csv")


def test_check_then_import_from_the_page(login, users):
    client = login(users["alice"])
    assert "Import customers and suppliers" in client.get("/customers/import/").content.decode()
    checked = client.post("/customers/import/", {"file": upload(GOOD), "check": "1"})
    assert checked.status_code == 200 and "ready to import" in checked.content.decode()
    assert not Party.objects.exists()
    done = client.post("/customers/import/", {"file": upload(GOOD), "import": "1"})
    assert done.status_code == 302 and done["Location"] == "/customers/"
    assert "1 customer or supplier imported." in client.get("/customers/").content.decode()
    party = Party.objects.get()
    assert party.contacts.get().name == "Jane Roe"
    assert party.owner == users["alice"]  # no owner column: whoever imports looks after it


def test_a_bad_file_names_the_line_and_column_and_imports_nothing(login, users):
    client = login(users["alice"])
    bad = client.post(
        "/customers/import/", {"file": upload(GOOD + "Bolt,seller,,\n"), "import": "1"}
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and 'data-problem-line="3"' in html and "seller" in html
    assert not Party.objects.exists()
    assert client.post("/customers/import/", {"import": "1"}).status_code == 400
    assert login(users["bob"]).post("/customers/import/", {"file": upload(GOOD)}).status_code == 403
    assert not Party.objects.exists()
