"""A NUL character anywhere in the query or body is refused with 400 on every database."""

from engine.models import ProcessInstance


def test_a_nul_in_a_query_is_a_400_naming_it(api, people):
    answer = api(people.erin).get("/api/audit/", {"actor": "bob\x00"})
    assert answer.status_code == 400
    assert "NUL character" in answer.json()["detail"]
    assert api(people.alice).get("/api/filters/", {"view": "in\x00box"}).status_code == 400


def test_a_nul_in_a_json_body_is_a_400_and_starts_nothing(api, people, order_definition):
    answer = api(people.erin).post(
        "/api/messages/",
        {"name": "order_received", "variables": {"note\x00": "x"}},
        format="json",
    )
    assert answer.status_code == 400 and "body" in answer.json()["detail"]
    assert ProcessInstance.objects.count() == 0


def test_an_escaped_backslash_u0000_text_is_not_a_nul(api, people):
    answer = api(people.alice).post(
        "/api/filters/", {"name": r"look \u0000", "view": "inbox"}, format="json"
    )
    assert answer.status_code != 400 or "NUL" not in str(answer.content)


def test_a_binary_body_is_not_read_for_nul_characters(api, people):
    answer = api(people.olga).post(
        "/api/definitions/", b"PK\x03\x04\x00\x00binary", content_type="application/zip"
    )
    assert "NUL character" not in answer.content.decode(errors="replace")


def test_a_nul_in_a_page_form_is_a_400(client, people):
    client.force_login(people.alice)
    answer = client.post("/search/", "q=a%00b", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 400
