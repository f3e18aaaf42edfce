"""The instance's revision, bumped in one place.

A step reuses the workflow object its instance's last step kept in memory (runtime/hot.py)
and trusts that workflow's memo of the inbox rows, timers and subscriptions it wrote
(services/synced.py) only while the row holds the revision that step saved. So every write
of an instance bumps it through `bump_revision`: a step's persist, and each service that
changes an instance outside a step (cancel, suspend, resume). Claiming, reassigning or
delegating a task changes its row but not which tasks are open, so they need no bump.
tests/engine/test_revision.py fails on a `.revision` written anywhere else.
"""

from engine.models import ProcessInstance


def bump_revision(instance: ProcessInstance) -> int:
    """Move the instance to its next revision (saved with the caller's other fields);
    the workflow kept for the previous one will not be used again."""
    instance.revision += 1
    return instance.revision
