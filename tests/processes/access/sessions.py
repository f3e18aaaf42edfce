"""Pages signed in with a session, as a browser is."""

from django.test import Client


def signed_in(user) -> Client:
    """Signed in with a session: each request reads the person (and her rights) afresh."""
    client = Client()
    client.force_login(user)
    return client
