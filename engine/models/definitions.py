from django.conf import settings
from django.db import models


class Deployment(models.Model):
    """One upload: a BPMN file or a bundle of BPMN, DMN and form files."""

    file_name = models.CharField(max_length=255)
    content_hash = models.CharField(max_length=64, db_index=True)
    # {file name: text} for every BPMN / DMN / form file of the upload.
    files = models.JSONField(default=dict)
    deployed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deployed_at = models.DateTimeField(auto_now_add=True)
    # What changed and why, in the deployer's words (shown in the version history).
    comment = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.content_hash[:8]})"


class ProcessDefinition(models.Model):
    """One version of one executable process."""

    key = models.CharField(max_length=255)
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=255, blank=True)
    content_hash = models.CharField(max_length=64)
    deployment = models.ForeignKey(Deployment, on_delete=models.PROTECT, related_name="definitions")
    # The file (inside the deployment) that holds this process.
    source_file = models.CharField(max_length=255)
    # Per BPMN element id: assignee, candidates, due date, form, retry cycle ... (both dialects).
    elements = models.JSONField(default=dict)
    # Form file name -> {"schema", "ui_schema"}; kept with the version so running instances
    # keep the form they started with.
    forms = models.JSONField(default=dict)
    # Names of the messages whose arrival starts a new instance (message start events).
    start_messages = models.JSONField(default=list, blank=True)
    deployed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deployed_at = models.DateTimeField(auto_now_add=True)
    # Set when this version was made by rolling back: the earlier version whose content it has.
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="definition_key_version_unique")
        ]
        ordering = ["key", "-version"]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def bpmn_xml(self) -> str:
        return self.deployment.files[self.source_file]
