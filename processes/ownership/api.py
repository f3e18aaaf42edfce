"""The API's side: a viewset mixin that refuses the steps a live process owns."""

from processes.ownership.guard import require_outside_process


class ProcessStepsMixin:
    """For each view action in `process_steps` (action → the step, in words), the record
    fetched by `get_object()` — and the documents `owning_documents` adds — must not be
    owned by a live process instance, else 409 (OwnedByProcess) before anything runs."""

    process_steps: dict = {}

    def owning_documents(self, record) -> list:
        return [record]

    def get_object(self):
        record = super().get_object()
        step = self.process_steps.get(getattr(self, "action", None))
        if step is not None:
            require_outside_process(*self.owning_documents(record), step=str(step))
        return record
