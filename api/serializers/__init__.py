"""Serializers: the JSON shapes of API.md, read from engine models and service results."""
