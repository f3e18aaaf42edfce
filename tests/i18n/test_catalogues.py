"""Every string the product marks for translation has a French and a Russian translation.

The strings are gathered the way `makemessages` gathers them (docs/i18n.md), from the
product's own directories, into a copy of the catalogues; a string missing from them, left
empty or marked fuzzy fails the test with its text.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LANGUAGES = ["fr", "ru"]
# Not the product: its tests, benchmarks, docs and the installed or generated trees.
NOT_PRODUCT = {"tests", "bench", "docs", "locale", "var", "node_modules", "static"}


def product_dirs(base: Path) -> list[Path]:
    return sorted(
        path
        for path in base.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in NOT_PRODUCT
    )


def untranslated(po_file: Path) -> list[str]:
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            text = message.id[0] if isinstance(message.id, tuple) else message.id
            missing.append(f"{text!r}" + (" (fuzzy)" if message.fuzzy else ""))
    return missing


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> Path:
    """A copy of locale/ brought up to date with every marked string of the product."""
    base = Path(settings.BASE_DIR)
    work = tmp_path_factory.mktemp("messages")
    shutil.copytree(base / "locale", work / "locale")
    for path in product_dirs(base):
        (work / path.name).symlink_to(path, target_is_directory=True)
    here = Path.cwd()
    try:
        os.chdir(work)
        with override_settings(LOCALE_PATHS=[work / "locale"]):
            call_command(
                "makemessages",
                locale=LANGUAGES,
                symlinks=True,
                no_location=True,
                ignore_patterns=["*/migrations/*", "*/static/*", "*/node_modules/*"],
                verbosity=0,
            )
    finally:
        os.chdir(here)
    return work / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(gathered, language):
    missing = untranslated(gathered / language / "LC_MESSAGES" / "django.po")
    assert not missing, (
        f"{len(missing)} string(s) of the product have no {language} translation in "
        f"locale/{language}/LC_MESSAGES/django.po (see docs/i18n.md):\n  " + "\n  ".join(missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_compiles(language, tmp_path):
    po_file = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file", str(tmp_path / "django.mo"), str(po_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_a_missing_translation_is_found(tmp_path):
    po_file = tmp_path / "django.po"
    po_file.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Inbox"\nmsgstr "Boîte de réception"\n\n'
        'msgid "Claim"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Unclaim"\nmsgstr "Prendre"\n',
        encoding="utf-8",
    )
    assert untranslated(po_file) == ["'Claim'", "'Unclaim' (fuzzy)"]
