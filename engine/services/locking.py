"""The one lock per instance (DESIGN.md invariant 1)."""

from engine.exceptions import NotFound
from engine.models import ProcessInstance


def lock_instance(instance_id: int) -> ProcessInstance:
    """Take the instance's row lock; call inside transaction.atomic()."""
    try:
        return (
            ProcessInstance.objects.select_for_update(of=("self",))
            .select_related("definition", "definition__deployment")
            .get(pk=instance_id)
        )
    except ProcessInstance.DoesNotExist:
        raise NotFound(f"Process instance {instance_id} does not exist.")
