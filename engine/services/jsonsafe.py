import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class _LenientEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def json_safe(value: Any) -> Any:
    """A copy of task data that a JSON column can hold (Decimal and dates become text)."""
    return json.loads(json.dumps(value, cls=_LenientEncoder))
