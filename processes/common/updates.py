"""Validating and saving model instances for the services (creates and partial updates)."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from processes.common.duplicates import worded
from processes.common.errors import InvalidData

M = TypeVar("M", bound=models.Model)


def clean_and_save(instance: M, *, update_fields: list[str] | None = None) -> M:
    """Run the model's field validation and save; errors become InvalidData (HTTP 400).

    Services are called from the API, from BPMN service tasks and from commands, so the
    field rules (choices, minimum values, uniqueness) are checked here, not only by forms.
    """
    exclude = None
    if update_fields is not None:
        exclude = [f.name for f in instance._meta.concrete_fields if f.name not in update_fields]
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        # Keys are field names, "__all__" for the whole record (as in the API); a duplicate
        # is said in our words, naming the value (processes/common/duplicates.py).
        errors = worded(instance, exc)
        raise InvalidData(_("The data is not valid."), errors=errors) from None
    instance.save(update_fields=update_fields)
    return instance


def model_update(*, instance: M, data: dict[str, Any], fields: set[str]) -> tuple[M, bool]:
    """Set the given `fields` from `data`, validate and save them; return (instance, changed).

    A key outside `fields` is refused, so an update cannot touch what a service guards
    (a deal's stage, a stock level's quantities).
    """
    unknown = sorted(set(data) - fields)
    if unknown:
        raise InvalidData(
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)},
            errors={name: [_("This field cannot be changed here.")] for name in unknown},
        )
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    if changed:
        update_fields = list(changed)
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            update_fields.append("updated_at")
        clean_and_save(instance, update_fields=update_fields)
    return instance, bool(changed)
