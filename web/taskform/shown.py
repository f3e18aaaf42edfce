"""A form field's value as the read-only task page shows it: the chosen option's text,
yes / no, dates and numbers in the reader's format — never a code or an ISO date."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from .fields import Field

EMPTY = "—"


def shown(field: Field) -> str:
    value = field.value
    if field.kind in ("select", "radio"):
        return dict(field.choices).get(value, value) or EMPTY
    if field.kind in ("multiselect", "checkboxes"):
        names = dict(field.choices)
        return ", ".join(names.get(item, item) for item in value or []) or EMPTY
    if field.kind == "checkbox":
        return _("Yes") if value else _("No")
    if value in ("", None):
        return EMPTY
    if field.kind == "password":
        return "••••••"
    if field.kind in ("integer", "number"):
        return _number(str(value))
    if field.kind == "date":
        day = parse_date(str(value))
        return formats.date_format(day, "DATE_FORMAT") if day else str(value)
    if field.kind == "datetime":
        try:
            moment = datetime.strptime(str(value), "%Y-%m-%dT%H:%M")
        except ValueError:
            return str(value)
        return formats.date_format(moment, "DATETIME_FORMAT")
    return str(value)


def _number(text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return formats.number_format(number, use_l10n=True, force_grouping=True)
