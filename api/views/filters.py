"""Query parameters of the list endpoints."""


def query_filters(request, serializer_class) -> dict:
    """The validated query parameters (400 on a bad value), without the empty ones."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {name: value for name, value in serializer.validated_data.items() if value}
