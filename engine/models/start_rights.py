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
