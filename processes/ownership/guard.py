"""The question the API and the pages ask before a step on a document."""

from django.db import models
from django.utils.translation import gettext as _

from processes.common.errors import Conflict
from processes.ownership.selectors import owning_instance


class OwnedByProcess(Conflict):
    """The document is moved by a running process; the step must happen there."""

    def __init__(self, message: str, *, instance):
        super().__init__(message)
        self.instance = instance

    def body(self) -> dict:
        """The API answer's fields besides `detail`."""
        definition = self.instance.definition
        return {
            "instance": self.instance.pk,
            "process": definition.key,
            "stage": self.instance.stage,
        }


def require_outside_process(*documents: models.Model | None, step: str) -> None:
    """Raise OwnedByProcess (409) when a live process instance owns one of the documents:
    the step `step` (what the caller wanted to do, in words) belongs to that process."""
    for document in documents:
        if document is None:
            continue
        instance = owning_instance(document)
        if instance is None:
            continue
        definition = instance.definition
        raise OwnedByProcess(
            _(
                "%(document)s is moved by its process “%(process)s” (instance #%(instance)s, "
                "stage “%(stage)s”): %(step)s happens there, not by a direct call. Work on "
                "the instance's open tasks, or cancel the instance first."
            )
            % {
                "document": getattr(document, "number", None) or str(document),
                "process": definition.name or definition.key,
                "instance": instance.pk,
                "stage": instance.stage or _("started"),
                "step": step,
            },
            instance=instance,
        )
