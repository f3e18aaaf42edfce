"""What the "New …" menu offers: the processes a person may start, by their business names."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.selectors import startable_definitions
from processes.process_words import process_word

# The shipped processes are started for a piece of business; a process owner's own
# process is offered as "New: <its name>".
START_LABELS = {
    "sales": gettext_lazy("New order"),
    "procurement": gettext_lazy("Request a purchase"),
    "production": gettext_lazy("Plan production"),
    "shipment": gettext_lazy("Ship an order"),
}


@dataclass(frozen=True)
class StartChoice:
    key: str
    label: str


def start_label(definition) -> str:
    label = START_LABELS.get(definition.key)
    if label is not None:
        return str(label)
    return _("New: %(process)s") % {"process": process_word(definition.name) or definition.key}


def start_choices(user) -> list[StartChoice]:
    choices = [StartChoice(d.key, start_label(d)) for d in startable_definitions(user)]
    return sorted(choices, key=lambda choice: choice.label.lower())
