import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from api.authentication import TokenAuthentication


@pytest.mark.django_db
def test_token_gives_its_user_as_the_orm_reads_it(people):
    token = Token.objects.create(user=people.alice)
    user, auth = TokenAuthentication().authenticate_credentials(token.key)
    stored = User.objects.get(pk=people.alice.pk)
    assert user == stored
    assert {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields} == {
        f.attname: getattr(stored, f.attname) for f in User._meta.concrete_fields
    }
    assert user.date_joined.tzinfo is not None
    assert auth.key == token.key
    assert auth.user is user
    assert auth.created == token.created


@pytest.mark.django_db
def test_unknown_token_and_inactive_user_are_refused(api, people):
    with pytest.raises(AuthenticationFailed, match="Invalid token"):
        TokenAuthentication().authenticate_credentials("not-a-real-token")
    client = api(people.alice)
    assert client.get("/api/tasks/").status_code == 200
    User.objects.filter(pk=people.alice.pk).update(is_active=False)
    refused = client.get("/api/tasks/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "User inactive or deleted."
    Token.objects.filter(user=people.alice).delete()
    assert client.get("/api/tasks/").status_code == 401
