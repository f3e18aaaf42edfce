from rest_framework import serializers

from engine.models import ProcessDefinition

from .errors import ProblemSerializer


class UploadSerializer(serializers.Serializer):
    """The multipart body of a deployment or a validation (for the schema)."""

    file = serializers.FileField(help_text="A .bpmn file, or a .zip of BPMN, DMN and form files.")
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="What changed and why; shown in the version history (deploy only).",
    )


class DefinitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessDefinition
        fields = ["key", "version", "name", "id"]


class DeployedDefinitionSerializer(DefinitionSerializer):
    created = serializers.BooleanField(help_text="False when identical content was deployed.")

    class Meta(DefinitionSerializer.Meta):
        fields = [*DefinitionSerializer.Meta.fields, "created"]


class DeploymentSerializer(serializers.Serializer):
    """The answer for an upload holding several executable processes."""

    deployed = DeployedDefinitionSerializer(many=True)


class ValidationReportSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    errors = ProblemSerializer(many=True)
    warnings = ProblemSerializer(many=True)
    processes = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the executable processes found."
    )


class DefinitionVersionSerializer(serializers.ModelSerializer):
    deployed_by = serializers.CharField(
        source="deployed_by.username", allow_null=True, read_only=True
    )

    comment = serializers.CharField(source="deployment.comment", read_only=True)

    class Meta:
        model = ProcessDefinition
        fields = ["version", "id", "deployed_at", "deployed_by", "comment", "restored_from"]


class DefinitionDetailSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField(help_text="The name in the latest version.")
    versions = DefinitionVersionSerializer(many=True)
