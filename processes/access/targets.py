"""What a comment or an attachment can be on, and who may see it.

A target is written `kind:id` (`task:12`, `case:5`, `order:3` …). Seeing a target is the
right to read and discuss it: a task as the inbox shows it, a case as the monitor or the
person's own tasks show it, a business record by the right to read its kind.
A target someone may not see answers as one that does not exist (404), so its existence
is not told either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _

from engine.exceptions import InvalidData, NotFound


@dataclass(frozen=True)
class TargetKind:
    model: str  # app_label.Model
    right: str | None  # the record kind of `rights.KINDS`, None for the engine's own


# task and case are the engine's; the others are business records with their right.
TARGET_KINDS: dict[str, TargetKind] = {
    "task": TargetKind("engine.HumanTask", None),
    "case": TargetKind("engine.ProcessInstance", None),
    "customer": TargetKind("crm.Party", "customers"),
    "quotation": TargetKind("sales.Quotation", "quotations"),
    "order": TargetKind("sales.SalesOrder", "orders"),
    "invoice": TargetKind("sales.Invoice", "invoices"),
    "purchase": TargetKind("procurement.PurchaseOrder", "purchases"),
    "production": TargetKind("production.ManufacturingOrder", "production"),
}
ALIASES = {"instance": "case"}


@dataclass(frozen=True)
class Target:
    kind: str
    pk: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.pk}"


def parse_target(text) -> Target:
    """`kind:id` → Target, or InvalidData naming what is wrong."""
    raw = text if isinstance(text, str) else ""
    kind, _sep, number = raw.strip().partition(":")
    kind = ALIASES.get(kind.lower(), kind.lower())
    if kind not in TARGET_KINDS or not number.isdigit() or int(number) <= 0:
        message = _("Name the target as kind:id, e.g. task:12 (kinds: %(kinds)s).") % {
            "kinds": ", ".join(TARGET_KINDS)
        }
        raise InvalidData(message, {"target": [message]})
    return Target(kind, int(number))


def target_object(target: Target):
    """The target's object, or None (no rights asked: for code that checked them)."""
    model = apps.get_model(TARGET_KINDS[target.kind].model)
    return model.objects.filter(pk=target.pk).first()


def may_see_target(user, target: Target, obj=None) -> bool:
    """Whether the person may read this target, its comments and its attachments."""
    from engine.models import ProcessInstance
    from engine.selectors import can_see_task, visible_instances
    from processes.access.rights import READ, _signed_in, may

    if not _signed_in(user):
        return False
    obj = obj if obj is not None else target_object(target)
    if obj is None:
        return False
    if target.kind == "task":
        return can_see_task(user, obj)
    if target.kind == "case":
        return visible_instances(user, ProcessInstance.objects.filter(pk=obj.pk)).exists()
    return may(user, READ, TARGET_KINDS[target.kind].right)


def visible_target(user, target: Target):
    """The target's object, or NotFound when it does not exist or is not for this person."""
    obj = target_object(target)
    if obj is None or not may_see_target(user, target, obj):
        raise NotFound(_("There is no %(target)s you may see.") % {"target": str(target)})
    return obj


def target_label(target: Target, obj) -> str:
    """What a person calls the target (a task's name and case, an order's number)."""
    if target.kind == "task":
        name = obj.name or obj.element_id
        key = obj.instance.business_key
        return f"{name} · {key}" if key else name
    if target.kind == "case":
        name = obj.definition.name or obj.definition.key
        return f"{name} · {obj.business_key}" if obj.business_key else f"{name} #{obj.pk}"
    return str(obj)


# The business records with a page of their own (web/views/documents.py), by URL name.
_RECORD_PAGES = {
    "customer": "web:customer",
    "quotation": "web:document-quotations",
    "order": "web:document-orders",
    "invoice": "web:document-invoices",
    "purchase": "web:document-purchase-orders",
    "production": "web:document-manufacturing-orders",
}


def target_link(target: Target, obj) -> str:
    """The page that shows the target and its comments."""
    if target.kind == "task":
        return reverse("web:task", args=[obj.pk])
    if target.kind == "case":
        return reverse("web:instance", args=[obj.pk])
    return reverse(_RECORD_PAGES[target.kind], args=[obj.pk])


# Comments: anyone who sees the target writes on it; the author edits for a while;
# the author or a manager removes.


def comment_edit_refusal(user, comment, window) -> str | None:
    from django.utils import timezone

    if comment.author_id != user.pk:
        return _("Only its author can change a comment.")
    if timezone.now() - comment.created_at > window:
        minutes = int(window.total_seconds() // 60)
        return _("A comment can be changed for %(n)d minutes after it is posted.") % {"n": minutes}
    return None


def comment_remove_refusal(user, comment) -> str | None:
    from engine.selectors import is_manager

    if comment.author_id == user.pk or is_manager(user):
        return None
    return _("Only its author or a manager can remove a comment.")


def may_edit_comment(user, comment, window) -> bool:
    return not comment.is_removed and comment_edit_refusal(user, comment, window) is None


def may_remove_comment(user, comment) -> bool:
    return not comment.is_removed and comment_remove_refusal(user, comment) is None
