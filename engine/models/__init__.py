"""The engine's tables: definitions, instances, the inbox, history and incidents."""

from .batches import Batch, BatchItem
from .definitions import Deployment, ProcessDefinition
from .events import InstanceEvent
from .external import ExternalTask
from .incidents import Incident
from .instances import InstancePiece, ProcessInstance
from .runtime import Message, MessageSubscription, Timer
from .signals import SignalSubscription
from .start_rights import GroupMonitorRights, GroupStartRights
from .tasks import HumanTask, TaskCandidate

__all__ = [
    "Batch",
    "BatchItem",
    "Deployment",
    "ExternalTask",
    "GroupMonitorRights",
    "GroupStartRights",
    "HumanTask",
    "Incident",
    "InstanceEvent",
    "InstancePiece",
    "Message",
    "MessageSubscription",
    "ProcessDefinition",
    "ProcessInstance",
    "SignalSubscription",
    "TaskCandidate",
    "Timer",
]
