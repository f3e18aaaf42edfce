"""'New form' on a user task in the modeler: the form file is made, the task names it, the
diagram is deployed with it as the next version and the form editor opens it."""

import json

from engine.models import Deployment, ProcessDefinition
from tests.factories import deploy_fixture

CAMUNDA = 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def with_form_key(xml, element_id, name):
    """The diagram as the modeler sends it: the task's camunda:formKey names the form."""
    xml = xml.replace("<bpmn:definitions ", f"<bpmn:definitions {CAMUNDA} ", 1)
    return xml.replace(
        f'<bpmn:userTask id="{element_id}" ',
        f'<bpmn:userTask id="{element_id}" camunda:formKey="{name}" ',
        1,
    )


def new_form(client, xml, element_id="review", **extra):
    body = {"xml": xml, "base": {"key": "deal_review", "version": 1}, "element_id": element_id}
    return post_json(client, "/modeler/forms/new/", {**body, **extra})


def test_a_new_form_is_deployed_with_its_task_and_opens_in_the_form_editor(login, users, db):
    [definition] = deploy_fixture("deal_review")
    olga = login(users["olga"])
    xml = with_form_key(definition.bpmn_xml, "review", "review-schema.json")
    response = new_form(olga, xml, title="Review the proposal", comment="A form for the review")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["form"] == "review-schema.json"
    assert body["edit_url"] == "/forms/review-schema.json/edit/"
    latest = ProcessDefinition.objects.select_related("deployment").get(
        key="deal_review", version=2
    )
    assert latest.elements["review"]["form"] == "review-schema.json"
    form = latest.forms["review-schema.json"]["schema"]
    assert form["title"] == "Review the proposal"
    assert list(form["properties"]) == ["comment"]
    # The comment is a text area: the form's UI schema goes with it.
    assert latest.forms["review-schema.json"]["ui_schema"] == {"comment": {"ui:widget": "textarea"}}
    assert "review-uischema.json" in latest.deployment.files
    assert latest.deployment.comment == "A form for the review"
    page = olga.get(body["edit_url"])
    assert page.status_code == 200 and page.context["form"].tasks == ["Review the proposal"]


def test_a_task_that_does_not_name_the_form_deploys_nothing(login, users, db):
    [definition] = deploy_fixture("deal_review")
    before = Deployment.objects.count()
    response = new_form(login(users["olga"]), definition.bpmn_xml, title="Review")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["element_id"] == "review" and "review-schema.json" in error["message"]
    assert Deployment.objects.count() == before


def test_a_form_file_the_process_already_has_is_a_409(login, users, db):
    [definition] = deploy_fixture()
    before = Deployment.objects.count()
    xml = with_form_key(definition.bpmn_xml, "approve_order", "approval-schema.json")
    response = post_json(
        login(users["olga"]),
        "/modeler/forms/new/",
        {
            "xml": xml,
            "base": {"key": "order_approval", "version": 1},
            "element_id": "approval",
            "title": "Approval",
        },
    )
    assert response.status_code == 409
    assert "approval-schema.json" in response.json()["errors"][0]["message"]
    assert Deployment.objects.count() == before


def test_a_missing_task_or_title_is_a_400_naming_the_field(login, users, db):
    [definition] = deploy_fixture("deal_review")
    olga = login(users["olga"])
    xml = with_form_key(definition.bpmn_xml, "review", "review-schema.json")
    for extra, field in (
        ({"element_id": "", "title": "Review"}, "element_id"),
        ({"element_id": "../etc", "title": "Review"}, "element_id"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
    ):
        response = new_form(olga, xml, **extra)
        assert response.status_code == 400, extra
        assert response.json()["errors"][0]["field"] == field
    assert not ProcessDefinition.objects.filter(key="deal_review", version=2).exists()


def test_only_process_owners_make_a_form(login, users, db):
    [definition] = deploy_fixture("deal_review")
    xml = with_form_key(definition.bpmn_xml, "review", "review-schema.json")
    assert new_form(login(users["erin"]), xml, title="Review").status_code == 403
    assert not ProcessDefinition.objects.filter(key="deal_review", version=2).exists()
