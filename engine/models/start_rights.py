from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models


class GroupStartRights(models.Model):
    """The processes (by key) the members of a group may start by hand, as an
    administrator set them. A group without a row starts what the diagrams name
    (services/starters.py); with a row, exactly these."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="start_rights")
    keys = models.JSONField(default=list)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "processes a group starts"
        verbose_name_plural = "processes groups start"

    def __str__(self) -> str:
        return f"processes {self.group.name} starts"


class GroupMonitorRights(models.Model):
    """The processes (by key) whose instances the members of a group watch on the monitor,
    the instance pages and /api/instances/, as an administrator set them. A group without a
    row watches what it does by default (managers: every process; others: none beyond the
    cases they started or work on); with a row, exactly these (besides their own cases)."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="monitor_rights")
    keys = models.JSONField(default=list)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "processes a group monitors"
        verbose_name_plural = "processes groups monitor"

    def __str__(self) -> str:
        return f"processes {self.group.name} monitors"
