"""The focal point's country workspace: what it lists, the reminder action,
the export, constant query counts, and the walk that proves a focal point of
another country sees and changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MakerFactory,
    MembershipFactory,
    UserFactory,
)
from reporting.models import FocalReminder, ProgressImportJob, ProgressReport
from reporting.tests.factories import ProgressReportFactory, focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(client):
    appointment = focal_point("KE")
    client.force_login(appointment.user)
    return appointment


def test_a_focal_point_without_an_organisation_lands_on_their_country(client, appointment):
    response = client.get(reverse("my-home"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("my-country", kwargs={"code": "KE"})


def test_a_member_who_is_also_a_focal_point_finds_the_country_from_home(client, appointment):
    MembershipFactory(user=appointment.user)

    response = client.get(reverse("my-home"))

    assert reverse("my-country", kwargs={"code": "KE"}) in response.content.decode()


def test_the_country_lists_its_commitments_with_their_reporting_status(client, appointment, open_cycle):
    due = ApprovedCommitmentFactory(title="Shelters in Kisumu")
    ApprovedCommitmentFactory(title="Somewhere else", maker=MakerFactory(country_id="FR"), countries=["FR"])

    html = client.get(reverse("my-country", kwargs={"code": "KE"})).content.decode()

    assert due.title in html and "Due" in html
    assert "Somewhere else" not in html


def test_an_empty_country_says_so(client, appointment):
    html = client.get(reverse("my-country", kwargs={"code": "KE"})).content.decode()

    assert "No commitments yet" in html


def test_the_makers_due_or_overdue_can_be_reminded_once_a_week(client, appointment, open_cycle):
    commitment = ApprovedCommitmentFactory()
    url = reverse("my-country-remind", kwargs={"code": "KE", "maker_id": commitment.maker_id})

    listed = client.get(reverse("my-country-makers", kwargs={"code": "KE"}) + "?owing=1").content.decode()
    first = client.post(url, follow=True).content.decode()
    second = client.post(url, follow=True).content.decode()

    assert escape(commitment.maker.name) in listed and "Send a reminder" in listed
    assert "A reminder is on its way" in first
    assert "already sent to this maker on" in second
    assert FocalReminder.objects.count() == 1


def test_the_reminder_is_a_post(client, appointment, open_cycle):
    commitment = ApprovedCommitmentFactory()

    response = client.get(reverse("my-country-remind", kwargs={"code": "KE", "maker_id": commitment.maker_id}))

    assert response.status_code == 405


def test_drafts_and_reports_awaiting_review_are_shown_read_only(client, appointment, open_cycle):
    draft = CommitmentFactory(title="A draft in Nairobi")
    report = ProgressReportFactory(cycle=open_cycle, status=ProgressReport.Status.SUBMITTED)

    html = client.get(reverse("my-country-reviews", kwargs={"code": "KE"})).content.decode()

    assert draft.title in html and report.commitment.title in html
    assert 'method="post"' not in html.split("Country workspace")[-1].split("language-switcher")[0]


def test_the_export_streams_every_commitment_of_the_country(client, appointment, open_cycle):
    commitments = ApprovedCommitmentFactory.create_batch(3)
    ApprovedCommitmentFactory(title="=HYPERLINK()", maker=MakerFactory(country_id="KE"))

    response = client.get(reverse("my-country-export", kwargs={"code": "KE"}))
    body = b"".join(response.streaming_content).decode()

    assert response.streaming
    assert all(commitment.reference in body for commitment in commitments)
    assert "'=HYPERLINK()" in body


@pytest.mark.parametrize(
    "name", ["my-country", "my-country-makers", "my-country-reviews"], ids=["commitments", "makers", "reviews"]
)
def test_the_country_pages_run_a_constant_number_of_queries(client, appointment, open_cycle, name):
    def count(rows):
        for commitment in ApprovedCommitmentFactory.create_batch(rows):
            ProgressReportFactory(commitment=commitment, cycle=open_cycle, status="submitted")
            CommitmentFactory(maker=commitment.maker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, kwargs={"code": "KE"})).status_code == 200
        return len(queries)

    assert count(3) == count(30)


# Nothing outside their country -------------------------------------------------


def test_a_focal_point_of_another_country_sees_and_changes_nothing_here(client, open_cycle):
    kenya = focal_point("KE")
    commitment = ApprovedCommitmentFactory()
    ProgressReportFactory(cycle=open_cycle, status="submitted")
    job = ProgressImportJob.objects.create(focal_point=kenya, source="focal-imports/x.csv", error_report="x.csv")
    tanzania = focal_point("TZ", user=UserFactory())
    client.force_login(tanzania.user)

    kwargs = {"code": "KE"}
    gets = [
        reverse("my-country", kwargs=kwargs),
        reverse("my-country-makers", kwargs=kwargs),
        reverse("my-country-reviews", kwargs=kwargs),
        reverse("my-country-export", kwargs=kwargs),
        reverse("my-country-import", kwargs=kwargs),
        reverse("my-country-import-template", kwargs=kwargs),
        reverse("my-country-import-job", kwargs={**kwargs, "job_id": job.pk}),
        reverse("my-country-import-errors", kwargs={**kwargs, "job_id": job.pk}),
        # Their own country's paths, pointed at Kenya's rows.
        reverse("my-country-import-job", kwargs={"code": "TZ", "job_id": job.pk}),
        reverse("my-country-import-errors", kwargs={"code": "TZ", "job_id": job.pk}),
    ]
    posts = [
        reverse("my-country-remind", kwargs={**kwargs, "maker_id": commitment.maker_id}),
        reverse("my-country-import", kwargs=kwargs),
    ]
    answers = {url: client.get(url).status_code for url in gets}
    answers |= {url: client.post(url).status_code for url in posts}
    # Their own workspace refuses Kenya's maker too.
    own_remind = reverse("my-country-remind", kwargs={"code": "TZ", "maker_id": commitment.maker_id})
    answers[own_remind] = client.post(own_remind).status_code

    assert {url: status for url, status in answers.items() if status not in (403, 404)} == {}
    assert not FocalReminder.objects.exists()
    assert ProgressImportJob.objects.count() == 1


def test_someone_who_is_no_focal_point_gets_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("my-country", kwargs={"code": "KE"})).status_code == 404


def test_a_focal_point_for_some_places_sees_them_named_and_only_their_commitments(client, open_cycle):
    from coalitions.models import Subdivision

    county, other = Subdivision.objects.filter(country_id="KE", parent__isnull=True).order_by("code")[:2]
    appointment = focal_point("KE", places=[county])
    client.force_login(appointment.user)
    there = ApprovedCommitmentFactory(title="Work in the county")
    there.places.set([county])
    ApprovedCommitmentFactory(title="Work next door").places.set([other])

    html = client.get(reverse("my-country", kwargs={"code": "KE"})).content.decode()

    assert escape(county.name) in html and "Work in the county" in html
    assert "Work next door" not in html
