"""The diff between two versions of a process, and rolling back (for the schema and answers)."""

from rest_framework import serializers

from .definitions import DefinitionSerializer


class PropertyChangeSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="name, bpmn:script, bpmn:conditionExpression, …")
    before = serializers.CharField(allow_null=True)
    after = serializers.CharField(allow_null=True)


class ElementChangeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The BPMN element id.")
    type = serializers.CharField(help_text="The BPMN kind: userTask, sequenceFlow, …")
    name = serializers.CharField(help_text="Its name; an unnamed flow by the names of its ends.")
    changes = PropertyChangeSerializer(many=True, required=False)


class VersionDiffSerializer(serializers.Serializer):
    key = serializers.CharField()
    # "from" is a Python keyword: declared through the class namespace.
    vars()["from"] = serializers.IntegerField(help_text="The older version.")
    to = serializers.IntegerField(help_text="The newer version.")
    added = ElementChangeSerializer(many=True)
    removed = ElementChangeSerializer(many=True)
    changed = ElementChangeSerializer(many=True)


class RollbackSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The earlier version whose content to deploy."
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Why; kept with the version."
    )


class RolledBackSerializer(DefinitionSerializer):
    class Meta(DefinitionSerializer.Meta):
        fields = [*DefinitionSerializer.Meta.fields, "restored_from"]
