"""What the sandbox refuses is said in the language active where the script runs or is
checked (docs/i18n.md): a page or API call in the person's language, background work in
the site's. The compiled result is cached for every language; the words are not."""

import pytest
from django.utils import translation

from engine.sandbox import SandboxedEnvironment, ScriptRefused, check_script


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "the repeated sequence would be too large for a script"),
        ("fr", "la séquence répétée serait trop grande pour un script"),
        ("ru", "повторённая последовательность была бы слишком большой для скрипта"),
    ],
)
def test_a_refusal_while_running_is_said_in_the_active_language(language, said):
    context = {"a": 1}
    with translation.override(language), pytest.raises(ScriptRefused) as refused:
        SandboxedEnvironment(time_limit=10).execute("x = 'a' * 10**9", context)
    assert refused.value.message == said
    assert context == {"a": 1}


def test_a_stored_value_that_is_not_a_number_is_named_in_french():
    context: dict = {}
    with translation.override("fr"), pytest.raises(ScriptRefused) as refused:
        SandboxedEnvironment(time_limit=10).execute("x = float('nan')", context)
    assert refused.value.message == "nan n’est pas un nombre qui peut être enregistré"
    assert context == {}


def test_the_same_refused_script_is_said_in_each_language_in_turn():
    said = []
    for language in ("en", "ru", "fr"):
        with translation.override(language):
            said.append([refusal.message for refusal in check_script("import os")])
    assert said == [
        ["imports are not allowed"],
        ["импорт не допускается"],
        ["les imports ne sont pas permis"],
    ]
