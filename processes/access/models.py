"""The rights an administrator gave a group (the rights page, PUT /api/rights/{group}/)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models


class GroupRights(models.Model):
    """kind → actions for one group; a group without a row has `rights.DEFAULT_RIGHTS`."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="record_rights")
    rights = models.JSONField(default=dict)
    # The kinds (customers, deals) its members see only their own records of.
    own = models.JSONField(default=list, blank=True)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "group rights"
        verbose_name_plural = "group rights"

    def __str__(self) -> str:
        return f"rights of {self.group.name}"
