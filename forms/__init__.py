"""User-task forms: find a form's JSON Schema, fill in record choices, check the data."""

from forms.choices import (
    UnknownChoices,
    expand_choices,
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
    "expand_choices",
    "form_defaults",
    "load_form",
    "load_ui_schema",
    "register_choices",
    "registered_choices",
    "ui_schema_name_for",
    "unregister_choices",
    "validate_form_data",
]
