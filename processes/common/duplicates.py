"""What a person reads when a record repeats one that must be unique (docs/i18n.md).

Django says "Product with this SKU already exists." with the model's class name, and DRF
"product with this SKU already exists."; neither names the value. The services' check
(`clean_and_save`) says it in our words instead, naming the value and the records it
repeats: « Un produit de référence « CH-1 » existe déjà. ». The API leaves uniqueness to
that check (processes/common/viewsets.py), so the API, the pages and the commands say the
same sentence.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

Values = dict[str, str]
Sentence = Callable[[Values], str]


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "day"):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return number_format(value)
    return str(value)


# (app_label.Model, the fields that must be unique together) -> its sentence.
SENTENCES: dict[tuple[str, tuple[str, ...]], Sentence] = {
    ("catalog.Product", ("sku",)): lambda v: (
        _("A product with the SKU “%(sku)s” already exists.") % v
    ),
    ("catalog.TaxRate", ("name",)): lambda v: _("A tax rate named “%(name)s” already exists.") % v,
    ("catalog.PriceList", ("name",)): lambda v: (
        _("A price list named “%(name)s” already exists.") % v
    ),
    ("catalog.ExchangeRate", ("currency", "day")): lambda v: (
        _("A %(currency)s rate for %(day)s already exists; change that one instead.") % v
    ),
    ("catalog.PriceListItem", ("price_list", "product", "min_quantity")): lambda v: (
        _("%(price_list)s already has a price for %(product)s from %(min_quantity)s on.") % v
    ),
    ("catalog.CustomerPrice", ("party", "product")): lambda v: (
        _("%(party)s already has a price of its own for %(product)s.") % v
    ),
    ("crm.Tag", ("name",)): lambda v: _("The tag “%(name)s” already exists.") % v,
    ("crm.FunnelStage", ("name",)): lambda v: (
        _("A funnel stage named “%(name)s” already exists.") % v
    ),
    ("inventory.Warehouse", ("code",)): lambda v: (
        _("A warehouse with the code “%(code)s” already exists.") % v
    ),
    ("inventory.ReorderRule", ("product", "warehouse")): lambda v: (
        _("%(product)s already has a reorder rule in %(warehouse)s.") % v
    ),
    ("production.BillOfMaterials", ("product",)): lambda v: (
        _("%(product)s already has an active bill of materials.") % v
    ),
    ("production.BomLine", ("bom", "component")): lambda v: (
        _("The bill of materials already lists %(component)s.") % v
    ),
    ("procurement.SupplierBill", ("supplier", "number")): lambda v: (
        _("The bill “%(number)s” of %(supplier)s is already recorded.") % v
    ),
    ("collab.SavedFilter", ("owner", "view", "name")): lambda v: (
        _("You already have a saved filter named “%(name)s” here.") % v
    ),
}


def _field_names(expression) -> list[str]:
    if isinstance(expression, F):
        return [expression.name]
    return [n for e in expression.get_source_expressions() for n in _field_names(e)]


def _constraint_fields(model: type[models.Model], message: str) -> tuple[str, ...] | None:
    """The fields of the unique constraint Django names in `message` (one with a condition
    or an expression, such as a tag's name in any case: "Constraint “…” is violated.")."""
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue
        if str(constraint.get_violation_error_message()) != message:
            continue
        if constraint.fields:
            return tuple(constraint.fields)
        return tuple(n for e in constraint.expressions for n in _field_names(e)) or None
    return None


def _unique_fields(error: ValidationError, model: type[models.Model]) -> tuple[str, ...] | None:
    params = error.params or {}
    if error.code in ("unique", "unique_together") and params.get("unique_check"):
        return tuple(params["unique_check"])
    if not error.code and not params:
        return _constraint_fields(model, str(error.message))
    return None


def duplicate_sentence(instance: models.Model, fields: tuple[str, ...]) -> str:
    """Our sentence for `instance` repeating another record's `fields`."""
    model = type(instance)
    values = {name: _text(getattr(instance, name, None)) for name in fields}
    sentence = SENTENCES.get((model._meta.label, fields))
    if sentence is not None:
        return sentence(values)
    if len(fields) == 1:
        field = model._meta.get_field(fields[0])
        return _("“%(value)s” is already taken: another record has the same %(field)s.") % {
            "value": values[fields[0]],
            "field": getattr(field, "verbose_name", fields[0]),
        }
    return _("The same record already exists (the same %(fields)s).") % {
        "fields": ", ".join(fields)
    }


def worded(instance: models.Model, exc: ValidationError) -> dict[str, list[str]]:
    """`exc`'s messages by field, the duplicates in our words and the others as they are."""
    said: dict[str, list[str]] = {}
    for name, errors in exc.error_dict.items():
        for error in errors:
            fields = _unique_fields(error, type(instance))
            message = duplicate_sentence(instance, fields) if fields else None
            said.setdefault(name, []).append(message or " ".join(error.messages))
    return said
