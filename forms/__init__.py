"""User-task forms: find a form's JSON Schema, fill in record choices, check the data."""

from forms.choices import (
    UnknownChoices,
    existing_choices,
    expand_choices,
    record_ids,
    records_among,
    register_choices,
    registered_choices,
    unregister_choices,
)
from forms.loader import (
    FormError,
    FormNotFound,
    InvalidForm,
    load_form,
    load_ui_schema,
    ui_schema_name_for,
)
from forms.validation import form_defaults, validate_form_data

__all__ = [
    "FormError",
    "FormNotFound",
    "InvalidForm",
    "UnknownChoices",
    "existing_choices",
    "expand_choices",
    "form_defaults",
    "load_form",
    "load_ui_schema",
    "record_ids",
    "records_among",
    "register_choices",
    "registered_choices",
    "ui_schema_name_for",
    "unregister_choices",
    "validate_form_data",
]
