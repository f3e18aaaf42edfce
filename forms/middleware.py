"""Choice lists of business records follow who asks (forms.choices.asker): the request is
kept while it is served, so a salesperson who sees only her own customers is offered and
may submit only those."""

from forms.choices import _asking


class ChoicesAskerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _asking.set(request)
        try:
            return self.get_response(request)
        finally:
            _asking.reset(token)
