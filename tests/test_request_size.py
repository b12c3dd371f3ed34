"""A body larger than any form accepts is refused before it is read, in Indonesian."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_oversized_body_is_refused_unread(client, settings):
    huge = str(settings.SAKIP_MAX_REQUEST_BYTES + 1)
    response = client.post(reverse("login"), {"username": "x"}, CONTENT_LENGTH=huge)
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in response.content.decode()
    assert response.wsgi_request._read_started is False


def test_a_normal_post_passes(client):
    assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 200
