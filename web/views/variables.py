"""Changing a running instance's variables from its monitor page (managers)."""

import json

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError, InvalidData
from engine.models import ProcessInstance
from engine.services.variables import instance_variables_update
from processes.common.money import parse_number
from web.access import manager_page

KINDS = ("text", "number", "boolean", "json", "remove")


class BadValue(ValueError):
    pass


def typed_value(kind: str, raw: str):
    """The value a person typed, read as the kind they chose (None removes the variable)."""
    raw = raw.strip()
    if kind == "remove":
        return None
    if kind == "number":
        try:
            number = parse_number(raw)
        except ValueError:
            raise BadValue(_("“%(value)s” is not a number.") % {"value": raw}) from None
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == "boolean":
        if raw.lower() in ("yes", "true", "1", _("yes").lower(), "on"):
            return True
        if raw.lower() in ("no", "false", "0", _("no").lower(), "off"):
            return False
        raise BadValue(_("Answer yes or no."))
    if kind == "json":
        try:
            return json.loads(raw)
        except ValueError as error:
            raise BadValue(_("This is not a list or object in JSON: %(error)s") % {"error": error})
    return raw


@manager_page
@require_POST
def instance_variables_view(request, pk: int):
    instance = get_object_or_404(ProcessInstance, pk=pk)
    name = request.POST.get("name", "").strip()
    kind = request.POST.get("kind", "text")
    if kind not in KINDS or not name:
        messages.error(request, _("Name the variable and choose what its value is."))
        return redirect("web:instance", pk=pk)
    try:
        value = typed_value(kind, request.POST.get("value", ""))
        instance_variables_update(instance_id=instance.pk, user=request.user, changes={name: value})
    except BadValue as error:
        messages.error(request, _("%(name)s: %(error)s") % {"name": name, "error": error})
    except InvalidData as error:
        details = "; ".join(f"{field}: {' '.join(found)}" for field, found in error.errors.items())
        messages.error(request, f"{error.message} {details}")
    except EngineError as error:
        messages.error(request, error.message)
    else:
        text = (
            _("The variable “%(name)s” is removed.")
            if value is None
            else _("The variable “%(name)s” is changed.")
        )
        messages.success(request, text % {"name": name})
    return redirect("web:instance", pk=pk)
