"""A refused deployment says what is wrong in the language the request asks for
(Accept-Language), sentence by sentence, and stores nothing (docs/i18n.md)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engine.models import Deployment, ProcessDefinition
from tests.factories import fixture_bytes, order_bundle

pytestmark = pytest.mark.django_db

# A script in JavaScript, a Camunda execution listener naming a Java class and a
# condition written in FEEL: three refusals of three checks (scripts, Camunda, sandbox).
REFUSED = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="D" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="audit" name="Audit" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="log" name="Log it" scriptFormat="javascript">
      <bpmn:extensionElements>
        <camunda:executionListener class="com.acme.Audit" event="start" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>print("hi")</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="log" />
    <bpmn:sequenceFlow id="f2" sourceRef="log" targetRef="done">
      <bpmn:conditionExpression>= amount &gt; 100</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>
"""

SAID = {
    "en": [
        'bpmn:scriptTask "log" (Log it) at line 7: script language "javascript" is not '
        'supported; scripts are Python (scriptFormat="python").',
        'bpmn:scriptTask "log" (Log it) at line 7 has a Camunda execution listener, which '
        "HyperCRM does not run: draw the work as a script task or a service task on the flow "
        "instead (a Java class: com.acme.Audit).",
        'bpmn:sequenceFlow "f2" at line 17: the condition on line 18 is refused: it is not '
        "valid Python (invalid syntax): '= amount > 100'; it looks like FEEL as Camunda 8 "
        "writes it (a leading '='), but expressions here are Python.",
    ],
    "fr": [
        'bpmn:scriptTask "log" (Log it) à la ligne 7 : le langage de script "javascript" '
        'n’est pas pris en charge ; les scripts sont en Python (scriptFormat="python").',
        'bpmn:scriptTask "log" (Log it) à la ligne 7 a un écouteur d’exécution Camunda, que '
        "HyperCRM n’exécute pas : dessinez plutôt ce travail comme une tâche de script ou une "
        "tâche de service sur le flux (une classe Java : com.acme.Audit).",
        'bpmn:sequenceFlow "f2" à la ligne 17 : HyperCRM refuse la condition de la ligne 18 : '
        "ce n’est pas du Python valide (invalid syntax) : '= amount > 100' ; cela ressemble à "
        "du FEEL tel que l’écrit Camunda 8 (un « = » au début), mais ici les expressions sont "
        "en Python.",
    ],
    "ru": [
        'bpmn:scriptTask "log" (Log it) в строке 7: язык скриптов "javascript" не '
        'поддерживается; скрипты пишутся на Python (scriptFormat="python").',
        'У bpmn:scriptTask "log" (Log it) в строке 7 есть слушатель выполнения Camunda, а '
        "HyperCRM его не выполняет: нарисуйте эту работу на потоке как задачу-скрипт или "
        "сервисную задачу (класс Java: com.acme.Audit).",
        'bpmn:sequenceFlow "f2" в строке 17: HyperCRM не принимает условие в строке 18: это '
        "некорректный код Python (invalid syntax): '= amount > 100'; похоже на FEEL в записи "
        "Camunda 8 (со знаком «=» в начале), но выражения здесь пишутся на Python.",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
@pytest.mark.parametrize("url", ["/api/definitions/", "/api/definitions/validate/"])
def test_a_refused_diagram_is_explained_in_the_asked_language(api, people, language, url):
    answer = api(people.olga).post(
        url,
        {"file": SimpleUploadedFile("audit.bpmn", REFUSED)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    # Deploying is refused (400); validating answers 200 with "valid": false.
    assert answer.status_code == (400 if url == "/api/definitions/" else 200), answer.content
    assert answer["Content-Language"] == language
    errors = answer.json()["errors"]
    assert [error["message"] for error in errors] == SAID[language]
    assert [(error["element_id"], error["line"]) for error in errors] == [
        ("log", 7),
        ("log", 9),
        ("f2", 18),
    ]
    assert not ProcessDefinition.objects.exists()
    assert not Deployment.objects.exists()


# The order bundle with a form name leaving the forms folder and a form that is a JSON
# array: what the form loader refuses, named with the user task that shows the form.
FORMS_SAID = {
    "fr": [
        'bpmn:userTask "enter_order" (Enter order) à la ligne 25 : Le formulaire '
        "'../secret.json' est refusé : « .. » sortirait du dossier des formulaires.",
        'bpmn:userTask "approve_order" (Approve order) à la ligne 45 : Le formulaire '
        "'approval-schema.json' du lot de déploiement n’est pas un JSON Schema valide : le "
        "niveau supérieur est un tableau, pas un objet.",
    ],
    "ru": [
        "bpmn:userTask \"enter_order\" (Enter order) в строке 25: Форма '../secret.json' "
        "отклонена: «..» вывело бы за пределы папки форм.",
        'bpmn:userTask "approve_order" (Approve order) в строке 45: Форма '
        "'approval-schema.json' из пакета развёртывания — некорректная JSON Schema: на "
        "верхнем уровне массив, а не объект.",
    ],
}


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_a_refused_form_is_explained_in_the_asked_language(api, people, language):
    diagram = fixture_bytes("order_approval.bpmn").replace(
        b'value="order-schema.json"', b'value="../secret.json"'
    )
    bundle = order_bundle({"order_approval.bpmn": diagram, "approval-schema.json": b"[]"})
    answer = api(people.olga).post(
        "/api/definitions/",
        {"file": SimpleUploadedFile("order.zip", bundle)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert answer.status_code == 400, answer.content
    errors = answer.json()["errors"]
    assert [error["message"] for error in errors] == FORMS_SAID[language]
    assert [error["element_id"] for error in errors] == ["enter_order", "approve_order"]
    assert not ProcessDefinition.objects.exists()
    assert not Deployment.objects.exists()


# No targetNamespace on the definitions and an attribute BPMN does not have: two XML
# Schema faults, libxml2's words said in the reader's language.
LOOSE = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
  <bpmn:process id="loose" isExecutable="true">
    <bpmn:startEvent id="start" color="red"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""
SCHEMA_SAID = {
    "en": [
        "Not valid BPMN/DMN (XML Schema): Element 'bpmn:definitions': The attribute "
        "'targetNamespace' is required but missing.",
        "Not valid BPMN/DMN (XML Schema): Element 'bpmn:startEvent', attribute 'color': The "
        "attribute 'color' is not allowed.",
    ],
    "fr": [
        "BPMN/DMN non valide (schéma XML) : il manque à l’élément 'bpmn:definitions' "
        "l’attribut obligatoire 'targetNamespace'.",
        "BPMN/DMN non valide (schéma XML) : l’attribut 'color' n’est pas permis sur "
        "l’élément 'bpmn:startEvent'.",
    ],
    "ru": [
        "Недопустимый BPMN/DMN (XML-схема): у элемента 'bpmn:definitions' нет обязательного "
        "атрибута 'targetNamespace'.",
        "Недопустимый BPMN/DMN (XML-схема): атрибут 'color' не допускается у элемента "
        "'bpmn:startEvent'.",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_xml_schema_faults_are_said_in_the_asked_language(api, people, language):
    answer = api(people.olga).post(
        "/api/definitions/",
        {"file": SimpleUploadedFile("loose.bpmn", LOOSE)},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert answer.status_code == 400, answer.content
    errors = answer.json()["errors"]
    assert [error["message"] for error in errors] == SCHEMA_SAID[language]
    assert [(error["element_id"], error["line"]) for error in errors] == [("D", 2), ("start", 4)]
    assert not ProcessDefinition.objects.exists()


# An import, a call of open() and a timer of 999 years: what the sandbox refuses, said in
# the reader's language although the compiled result is cached for every language.
NOSY = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="D" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="nosy" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="peek" name="Peek" scriptFormat="python">
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>import os
secret = open("/etc/passwd")</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:intermediateCatchEvent id="wait" name="Wait">
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>P999Y</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="peek" />
    <bpmn:sequenceFlow id="f2" sourceRef="peek" targetRef="wait" />
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""
SANDBOX_SAID = {
    "en": [
        'bpmn:scriptTask "peek" (Peek) at line 6: the script on line 9 is refused: imports are '
        "not allowed.",
        "bpmn:scriptTask \"peek\" (Peek) at line 6: the script on line 10 is refused: 'open' is "
        "not available in scripts.",
        'bpmn:intermediateCatchEvent "wait" (Wait) at line 12: the timer on line 15 is refused: '
        "the timer value 'P999Y' is longer than 100 years.",
    ],
    "fr": [
        'bpmn:scriptTask "peek" (Peek) à la ligne 6 : HyperCRM refuse le script de la ligne 9 : '
        "les imports ne sont pas permis.",
        'bpmn:scriptTask "peek" (Peek) à la ligne 6 : HyperCRM refuse le script de la ligne 10 : '
        "'open' n’est pas disponible dans les scripts.",
        'bpmn:intermediateCatchEvent "wait" (Wait) à la ligne 12 : HyperCRM refuse le minuteur '
        "de la ligne 15 : la valeur de minuteur 'P999Y' dépasse 100 ans.",
    ],
    "ru": [
        'bpmn:scriptTask "peek" (Peek) в строке 6: HyperCRM не принимает скрипт в строке 9: '
        "импорт не допускается.",
        'bpmn:scriptTask "peek" (Peek) в строке 6: HyperCRM не принимает скрипт в строке 10: '
        "'open' недоступно в скриптах.",
        'bpmn:intermediateCatchEvent "wait" (Wait) в строке 12: HyperCRM не принимает таймер в '
        "строке 15: значение таймера 'P999Y' длиннее 100 лет.",
    ],
}


def test_what_the_sandbox_refuses_is_said_in_each_asked_language_in_turn(api, people):
    client = api(people.olga)
    for language in ("en", "fr", "ru", "en"):
        answer = client.post(
            "/api/definitions/validate/",
            {"file": SimpleUploadedFile("nosy.bpmn", NOSY)},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert answer.status_code == 200, answer.content
        body = answer.json()
        assert body["valid"] is False
        assert [error["message"] for error in body["errors"]] == SANDBOX_SAID[language]
    assert not ProcessDefinition.objects.exists()
