from rest_framework import serializers


class MessageSendSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    correlation_key = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    variables = serializers.DictField(required=False, default=dict)
    message_id = serializers.CharField(
        max_length=255, required=False, allow_null=True, default=None
    )
    ttl_seconds = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=366 * 24 * 3600
    )


class MessageResultSerializer(serializers.Serializer):
    correlated = serializers.ListField(child=serializers.IntegerField())
    started = serializers.ListField(child=serializers.IntegerField())
    buffered = serializers.BooleanField()
    duplicate = serializers.BooleanField(help_text="This message_id was received before.")
