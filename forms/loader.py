"""Find and parse the JSON Schema of a user task's form.

A BPMN names its form the way its modeler does: SpiffArena's `formJsonSchemaFilename`
(`order-schema.json`) or Camunda's `camunda:formKey` (`embedded:app:forms/order.json`,
`camunda-forms:deployment:order.form`, or a bare `order`). The form is looked up first
in the deployment bundle, then in the forms folder, and never outside that folder.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from forms.patterns import PatternRefused, compiled, schema_patterns
from forms.task_data_options import from_placeholders

Bundle = Mapping[str, bytes | str]  # a deployment's files, read only

# Camunda's formKey prefixes say where the file lives; here both mean "bundle, then folder".
_FORM_KEY_PREFIX = re.compile(r"^(?:embedded:|camunda-forms:)?(?:app:|deployment:)")
_KNOWN_SUFFIXES = (".json", ".form")
# What the top level of a form file is when it is not an object, as the refusal says it.
_JSON_TYPE_NAMES = {
    list: gettext_lazy("an array, not an object"),
    str: gettext_lazy("a string, not an object"),
    int: gettext_lazy("a number, not an object"),
    float: gettext_lazy("a number, not an object"),
    bool: gettext_lazy("a boolean, not an object"),
    type(None): gettext_lazy("null, not an object"),
}


class FormError(Exception):
    """Base of the errors raised while loading a form."""


class FormNotFound(FormError):
    """No file of that name in the bundle or the forms folder, or the name is refused."""


class InvalidForm(FormError):
    """The file exists but is not JSON, or not a valid JSON Schema."""


def load_form(
    name: str,
    *,
    bundle: Bundle | None = None,
    forms_dir: Path | None = None,
) -> dict:
    """Return the parsed JSON Schema of the form a BPMN names.

    Looks in `bundle` (file name -> content, as unpacked from a deployment) first, matching
    the path or its base name, then in `forms_dir` (default: settings.HYPERCRM["FORMS_DIR"]).
    Raises FormNotFound or InvalidForm with a message naming the file and the reason.
    """
    text, source = _find(name, bundle=bundle, forms_dir=forms_dir)
    # SpiffArena's choices from the task's data are not JSON Schema: read in our keyword.
    schema = from_placeholders(_parse_object(text, source))
    with warnings.catch_warnings():
        # An unknown "$schema" only warns; the 2020-12 default is what we want then.
        warnings.simplefilter("ignore", DeprecationWarning)
        validator = validator_for(schema, default=Draft202012Validator)
    try:
        validator.check_schema(schema)
    except SchemaError as error:
        # jsonschema's own words (error.message) follow, in English: they quote the schema.
        values = {"source": source, "error": error.message}
        if path := "/".join(str(part) for part in error.absolute_path):
            message = _("Form %(source)s is not a valid JSON Schema: %(error)s (at %(path)s)")
            raise InvalidForm(message % {**values, "path": path}) from None
        message = _("Form %(source)s is not a valid JSON Schema: %(error)s (at the top level)")
        raise InvalidForm(message % values) from None
    for pattern in schema_patterns(schema):
        try:
            compiled(pattern)
        except PatternRefused as error:
            raise InvalidForm(
                _("Form %(source)s: %(error)s") % {"source": source, "error": error}
            ) from None
    return schema


def load_ui_schema(
    schema_name: str,
    *,
    bundle: Bundle | None = None,
    forms_dir: Path | None = None,
) -> dict | None:
    """Return the UI schema that goes with a form's schema, or None when there is none."""
    try:
        text, source = _find(ui_schema_name_for(schema_name), bundle=bundle, forms_dir=forms_dir)
    except FormNotFound:
        return None
    return _parse_object(text, source)


def ui_schema_name_for(schema_name: str) -> str:
    """Name of the UI schema beside a form schema (SpiffArena: x-schema.json -> x-uischema.json)."""
    for suffix, ui_suffix in (
        ("-schema.json", "-uischema.json"),
        (".schema.json", ".uischema.json"),
        (".json", "-uischema.json"),
    ):
        if schema_name.endswith(suffix):
            return schema_name[: -len(suffix)] + ui_suffix
    return schema_name + "-uischema.json"


def _find(name: str, *, bundle: Bundle | None, forms_dir: Path | None) -> tuple[str, str]:
    """Return (text, description of where it was found) of the first matching file."""
    candidates = _candidates(name)
    if bundle:
        for candidate in candidates:
            found = _find_in_bundle(name, candidate, bundle)
            if found is not None:
                return found
    folder = _forms_dir(forms_dir)
    for candidate in candidates:
        found = _find_in_folder(name, candidate, folder)
        if found is not None:
            return found
    values = {"name": repr(name), "paths": ", ".join(str(c) for c in candidates), "folder": folder}
    if bundle:
        message = _(
            "Form %(name)s not found: looked for %(paths)s in the deployment bundle or %(folder)s"
        )
    else:
        message = _("Form %(name)s not found: looked for %(paths)s in %(folder)s")
    raise FormNotFound(message % values)


def _candidates(name: str) -> list[PurePosixPath]:
    """Relative paths the name may stand for; refuses names that could leave the folder."""
    values = {"name": repr(name)}
    if not isinstance(name, str) or not name.strip():
        raise FormNotFound(_("Form name %(name)s is empty") % values)
    if "\x00" in name:
        raise FormNotFound(_("Form name %(name)s is refused: it contains a NUL character") % values)
    relative = _FORM_KEY_PREFIX.sub("", name.strip()).replace("\\", "/")
    path = PurePosixPath(relative)
    if path.is_absolute() or re.match(r"^[A-Za-z]:", relative):
        raise FormNotFound(_("Form %(name)s is refused: absolute paths are not allowed") % values)
    if ".." in path.parts:
        raise FormNotFound(
            _("Form %(name)s is refused: '..' would leave the forms folder") % values
        )
    if not path.name or path.name == ".":
        raise FormNotFound(_("Form name %(name)s names no file") % values)
    if path.name.lower().endswith(_KNOWN_SUFFIXES):
        return [path]
    return [path.with_name(path.name + ".json"), path.with_name(path.name + ".schema.json")]


def _find_in_bundle(name: str, candidate: PurePosixPath, bundle: Bundle) -> tuple[str, str] | None:
    keys = {key: PurePosixPath(key.replace("\\", "/").lstrip("/")) for key in bundle}
    depth = len(candidate.parts)
    # Most specific first: the same path, a path ending with it, then the same base name.
    tiers = (
        [key for key, path in keys.items() if path == candidate],
        [key for key, path in keys.items() if path.parts[-depth:] == candidate.parts],
        [key for key, path in keys.items() if path.name == candidate.name],
    )
    for matches in tiers:
        if len(matches) > 1:
            raise FormNotFound(
                _(
                    "Form %(name)s is ambiguous: the deployment bundle has %(files)s; name it by "
                    "its path"
                )
                % {"name": repr(name), "files": ", ".join(sorted(matches))}
            )
        if matches:
            key = matches[0]
            source = _("%(name)s in the deployment bundle") % {"name": repr(key)}
            return _decode(bundle[key], source), source
    return None


def _find_in_folder(name: str, candidate: PurePosixPath, folder: Path) -> tuple[str, str] | None:
    root = folder.resolve()
    # The folder is the forms folder itself, so "forms/order.json" may sit at its top.
    for relative in dict.fromkeys([candidate, PurePosixPath(candidate.name)]):
        resolved = (root / relative).resolve()
        if not resolved.is_relative_to(root):
            raise FormNotFound(
                _("Form %(name)s is refused: %(path)s leads outside %(folder)s")
                % {"name": repr(name), "path": relative, "folder": folder}
            )
        if resolved.is_file():
            source = str(folder / relative)
            try:
                return _decode(resolved.read_bytes(), source), source
            except OSError as error:
                raise FormNotFound(
                    _("Form %(source)s cannot be read: %(error)s")
                    % {"source": source, "error": error.strerror}
                ) from None
    return None


def _forms_dir(forms_dir: Path | None) -> Path:
    if forms_dir is not None:
        return Path(forms_dir)
    from django.conf import settings

    return Path(str(settings.HYPERCRM["FORMS_DIR"]))


def _decode(content: bytes | str, source: str) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidForm(
            _("Form %(source)s is not UTF-8 text: %(error)s")
            % {"source": source, "error": error.reason}
        ) from None


def _parse_object(text: str, source: str) -> dict[str, Any]:
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        # The JSON reader's own words (error.msg) follow, in English.
        raise InvalidForm(
            _("Form %(source)s is not valid JSON: %(error)s at line %(line)s column %(column)s")
            % {"source": source, "error": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise InvalidForm(
            _("Form %(source)s is not valid JSON: nested too deeply") % {"source": source}
        ) from None
    if not isinstance(parsed, dict):
        kind = _JSON_TYPE_NAMES.get(type(parsed)) or _("not an object")
        raise InvalidForm(
            _("Form %(source)s is not a valid JSON Schema: the top level is %(kind)s")
            % {"source": source, "kind": kind}
        )
    return parsed


def form_name_for(element_id: str) -> str:
    """The file name of a new form for the user task `element_id` (as SpiffArena names them)."""
    return f"{element_id}-schema.json"


def starter_form(title: str, comment_label: str) -> tuple[dict, dict]:
    """A new form and its UI schema: its title and one comment field (a text area), to be
    shaped in the form editor."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": {"comment": {"type": "string", "title": comment_label, "maxLength": 2000}},
    }
    return schema, {"comment": {"ui:widget": "textarea"}}
