"""Defence in depth: a Content-Security-Policy on the pages of every room,
and no route that serves MEDIA_ROOT, not even in debug mode."""

import importlib

import pytest
from django.urls import clear_url_caches

from commitments.tests.factories import ApprovedCommitmentFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
]


def policy_of(response):
    return [part.strip() for part in response["Content-Security-Policy"].split(";")]


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/", None),
        ("/commitments/", None),
        ("/commitment/", None),
        ("/accounts/login/", None),
        ("/my/", "member"),
        ("/admin/", "staff"),
        ("/api/v1/commitments/", None),
        ("/api/docs/", None),
    ],
)
def test_every_room_sends_the_policy(client, member, path, who):
    commitment = ApprovedCommitmentFactory()
    if path == "/commitment/":
        path = f"/commitments/{commitment.reference}/"
    if who == "member":
        client.force_login(member)
    elif who == "staff":
        client.force_login(ReviewerFactory(is_superuser=True))

    response = client.get(path)

    assert response.status_code == 200
    policy = policy_of(response)
    for directive in POLICY:
        assert directive in policy
    assert not [part for part in policy if "unsafe-inline" in part or "unsafe-eval" in part]


@pytest.mark.parametrize(
    ("url", "status"),
    [("/commitments/NO-SUCH-REFERENCE/", 404), ("/commitments/%00/", 404), ("/commitments/?search=%00", 400)],
)
def test_error_pages_send_the_policy_too(client, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert "default-src 'self'" in policy_of(response)


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as `manage.py runserver` in debug mode builds them
    (a debug-only route would only be added at import time)."""
    import gentrack.urls

    settings.DEBUG = True
    importlib.reload(gentrack.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(gentrack.urls)
    clear_url_caches()


def test_media_files_are_never_served_by_url_even_in_debug(client, settings, debug_urls):
    stored = settings.MEDIA_ROOT / "exports" / "commitments-20250101.csv"
    stored.parent.mkdir(parents=True)
    stored.write_text("reference,title\nGEC-1,Secret draft\n")

    response = client.get("/media/exports/commitments-20250101.csv")

    assert response.status_code == 404
    assert b"Secret draft" not in response.content


def test_an_export_file_is_handed_only_to_its_requester_or_a_superuser(client, settings):
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from commitments.models import Export
    from commitments.tests.admin_fixtures import staff_in

    requester = staff_in("Reviewers", username="export-requester")
    colleague = staff_in("Reviewers", username="export-colleague")
    export = Export.objects.create(
        kind="commitments",
        list_model="commitments.commitment",
        format="csv",
        status=Export.Status.SUCCEEDED,
        requested_by=requester,
    )
    export.file.save("commitments.csv", ContentFile(b"reference\nGEC-1\n"))
    url = reverse("admin:commitments_export_download", args=[export.pk])

    client.force_login(colleague)
    refused = client.get(url)
    client.force_login(requester)
    served = client.get(url)
    client.force_login(ReviewerFactory(is_superuser=True))
    served_to_superuser = client.get(url)

    assert refused.status_code == 403
    assert b"".join(served.streaming_content) == b"reference\nGEC-1\n"
    assert served_to_superuser.status_code == 200
