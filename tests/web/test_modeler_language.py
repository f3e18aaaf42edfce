"""The studio's validate and deploy explain a refused diagram in the language the process
owner chose on her profile (docs/i18n.md), and deploying it stores nothing."""

import json

from engine.models import Deployment, ProcessDefinition
from profiles.models import Profile
from tests.factories import fixture_bytes

ORDER = fixture_bytes("order_approval.bpmn").decode()
# The first user task names a form outside the forms folder; the script is JavaScript.
REFUSED = ORDER.replace('value="order-schema.json"', 'value="../secret.json"').replace(
    'id="compute_total" name="Compute total" scriptFormat="python"',
    'id="compute_total" name="Compute total" scriptFormat="javascript"',
)
SAID = {
    "fr": {
        "compute_total": 'bpmn:scriptTask "compute_total" (Compute total) à la ligne 35 : le '
        'langage de script "javascript" n’est pas pris en charge ; les scripts sont en Python '
        '(scriptFormat="python").',
        "enter_order": 'bpmn:userTask "enter_order" (Enter order) à la ligne 25 : Le formulaire '
        "'../secret.json' est refusé : « .. » sortirait du dossier des formulaires.",
    },
    "ru": {
        "compute_total": 'bpmn:scriptTask "compute_total" (Compute total) в строке 35: язык '
        'скриптов "javascript" не поддерживается; скрипты пишутся на Python '
        '(scriptFormat="python").',
        "enter_order": 'bpmn:userTask "enter_order" (Enter order) в строке 25: Форма '
        "'../secret.json' отклонена: «..» вывело бы за пределы папки форм.",
    },
}


def _post(client, url):
    return client.post(url, json.dumps({"xml": REFUSED}), content_type="application/json")


def test_the_studio_explains_a_refused_diagram_in_the_profile_language(login, users):
    olga = users["olga"]
    client = login(olga)
    for language in ("fr", "ru"):
        Profile.objects.update_or_create(user=olga, defaults={"language": language})
        body = _post(client, "/modeler/validate/").json()
        assert body["valid"] is False
        said = {error["element_id"]: error["message"] for error in body["errors"]}
        assert {key: said[key] for key in SAID[language]} == SAID[language]
        deployed = _post(client, "/modeler/deploy/")
        assert deployed.status_code == 400
        assert deployed.json()["errors"] == body["errors"]
    assert not ProcessDefinition.objects.exists()
    assert not Deployment.objects.exists()
