import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import ReviewEvent
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MembershipFactory
from reporting import services
from reporting.models import ProgressReport, ReportingCycle
from reporting.tests.factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db

REPORT = {
    "implementation_status": "on_track",
    "narrative": "Twelve hubs opened.",
    "amount_disbursed_usd": "640000",
    "people_reached": "3400",
    "challenges": ["funding", "coordination"],
    "next_steps": "Twenty more hubs.",
    "evidence_url": "https://example.org/annual-report",
    "action": "save",
}


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def test_the_reports_page_lists_what_is_still_to_report_and_what_is_reported(maker_client, member, open_cycle):
    to_do = ApprovedCommitmentFactory(maker=member.maker, title="Hubs still to report")
    done = ApprovedCommitmentFactory(maker=member.maker, title="Hubs already reported")
    ProgressReportFactory(commitment=done, cycle=open_cycle, status="returned")
    CommitmentFactory(maker=member.maker, title="A draft needs no report")

    response = maker_client.get(reverse("my-reports"))

    assert [c.title for c in response.context["to_report"]] == [to_do.title]
    assert [c.title for c in response.context["reported"]] == [done.title]
    page = response.content.decode()
    assert "A draft needs no report" not in page
    assert "Returned" in page


def test_a_submitted_report_shows_as_awaiting_review_until_it_is_accepted(maker_client, member, open_cycle):
    submitted = ProgressReportFactory(
        commitment=ApprovedCommitmentFactory(maker=member.maker), cycle=open_cycle, status="submitted"
    )
    ProgressReportFactory(commitment=ApprovedCommitmentFactory(maker=member.maker), cycle=open_cycle, status="accepted")

    listing = maker_client.get(reverse("my-reports")).content.decode()
    detail = maker_client.get(reverse("my-report", args=[submitted.pk])).content.decode()

    assert listing.count("Submitted, awaiting review") == 1
    assert '<span class="badge badge--accepted">Accepted</span>' in listing
    assert "Submitted, awaiting review" in detail


def test_without_an_open_cycle_the_page_says_when_the_next_one_opens(maker_client, member):
    today = timezone.localdate()
    ReportingCycle.objects.create(
        year=today.year + 1,
        opens_on=today + datetime.timedelta(days=40),
        closes_on=today + datetime.timedelta(days=100),
    )
    ApprovedCommitmentFactory(maker=member.maker)

    page = maker_client.get(reverse("my-reports")).content.decode()

    assert "No reporting cycle is open" in page
    assert f"The {today.year + 1} cycle opens on" in page


def test_without_any_cycle_planned_the_page_says_so(maker_client):
    closed_cycle(2023)
    page = maker_client.get(reverse("my-reports")).content.decode()
    assert "has not announced the next cycle" in page


def test_maker_files_and_submits_a_report(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), REPORT | {"action": "submit"})

    report = ProgressReport.objects.get(commitment=commitment, cycle=open_cycle)
    assert response.url == reverse("my-report", args=[report.pk])
    assert report.status == "submitted"
    assert report.challenges == ["funding", "coordination"]
    assert report.people_reached == 3400


def test_saving_a_draft_report_keeps_it_editable(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    maker_client.post(reverse("my-report-new", args=[commitment.pk]), REPORT)
    report = ProgressReport.objects.get()
    assert report.status == "draft"

    maker_client.post(reverse("my-report-edit", args=[report.pk]), REPORT | {"narrative": "Fourteen hubs opened."})
    report.refresh_from_db()
    assert report.narrative == "Fourteen hubs opened."


def test_a_report_with_a_bad_link_keeps_what_was_typed(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    response = maker_client.post(
        reverse("my-report-new", args=[commitment.pk]), REPORT | {"evidence_url": "not a link", "people_reached": "-4"}
    )
    page = response.content.decode()
    assert 'id="id_evidence_url_error"' in page
    assert 'id="id_people_reached_error"' in page
    assert "Twelve hubs opened." in page
    assert not ProgressReport.objects.exists()


def test_a_returned_report_shows_the_comment_and_can_be_resubmitted(maker_client, member, reviewer, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    report = ProgressReportFactory(commitment=commitment, cycle=open_cycle)
    services.report_submit(actor=member, report=report)
    services.report_return(actor=reviewer, report=report, comment="Add the number of women trained.")

    page = maker_client.get(reverse("my-report", args=[report.pk])).content.decode()
    assert "Add the number of women trained." in page

    maker_client.post(reverse("my-report-edit", args=[report.pk]), REPORT | {"action": "submit"})
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_submitted_report_cannot_be_edited(maker_client, member, open_cycle):
    report = ProgressReportFactory(commitment=ApprovedCommitmentFactory(maker=member.maker), cycle=open_cycle)
    services.report_submit(actor=member, report=report)
    maker_client.post(reverse("my-report-edit", args=[report.pk]), REPORT | {"narrative": "Changed"})
    report.refresh_from_db()
    assert report.narrative != "Changed"


def test_a_report_cannot_be_filed_on_a_draft_commitment(maker_client, member, open_cycle):
    draft = CommitmentFactory(maker=member.maker)
    response = maker_client.post(reverse("my-report-new", args=[draft.pk]), REPORT)
    assert "approved commitments only" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    "method,name",
    [("get", "my-report"), ("get", "my-report-edit"), ("post", "my-report-edit"), ("post", "my-report-submit")],
)
def test_maker_cannot_see_or_change_another_makers_report(maker_client, method, name, open_cycle):
    report = ProgressReportFactory(cycle=open_cycle)
    response = getattr(maker_client, method)(reverse(name, args=[report.pk]), REPORT | {"narrative": "Hijacked"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "draft" and report.narrative != "Hijacked"
    assert not ReviewEvent.objects.exists()


def test_maker_cannot_file_a_report_on_another_makers_commitment(maker_client, open_cycle):
    other = ApprovedCommitmentFactory()
    assert maker_client.post(reverse("my-report-new", args=[other.pk]), REPORT).status_code == 404
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("name", ["my-report", "my-report-edit", "my-report-submit"])
def test_anonymous_visitors_are_sent_to_log_in_from_reports(client, name, open_cycle):
    report = ProgressReportFactory(cycle=open_cycle)
    response = client.post(reverse(name, args=[report.pk]), REPORT)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    report.refresh_from_db()
    assert report.status == "draft"


def test_an_editor_may_file_reports(client, member, open_cycle):
    editor = MembershipFactory(maker=member.maker, role="editor").user
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    client.force_login(editor)
    client.post(reverse("my-report-new", args=[commitment.pk]), REPORT | {"action": "submit"})
    assert ProgressReport.objects.get().status == "submitted"


@pytest.mark.parametrize("rows", [5, 40])
def test_the_reports_page_runs_a_constant_number_of_queries(
    maker_client, member, open_cycle, rows, django_assert_num_queries
):
    commitments = ApprovedCommitmentFactory.create_batch(rows, maker=member.maker)
    for commitment in commitments[: rows // 2]:
        ProgressReportFactory(commitment=commitment, cycle=open_cycle)

    # session, user, memberships, pending count, cycle, the cycles of the
    # reporting status, commitments, reports
    with django_assert_num_queries(8):
        response = maker_client.get(reverse("my-reports"))
    assert response.status_code == 200


def test_an_ended_commitment_is_not_among_those_still_to_report(maker_client, member, open_cycle):
    running = ApprovedCommitmentFactory(maker=member.maker, title="Shelters, still running", end_year=2030)
    ended = ApprovedCommitmentFactory(
        maker=member.maker, title="Hotline, ended years ago", start_year=2019, end_year=open_cycle.year - 2
    )

    response = maker_client.get(reverse("my-reports"))

    assert [c.pk for c in response.context["to_report"]] == [running.pk]
    assert [c.pk for c in response.context["finished"]] == [ended.pk]
    page = response.content.decode()
    assert "Nothing more to report" in page and "Hotline, ended years ago" in page


# The report form says what it needs and shows what was promised ----------------


def test_a_report_submitted_without_its_narrative_lists_the_error_at_the_top_and_keeps_what_was_typed(
    maker_client, member, open_cycle
):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    response = maker_client.post(
        reverse("my-report-new", args=[commitment.pk]), {**REPORT, "narrative": "", "action": "submit"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page and 'href="#id_narrative"' in page
    assert 'id="id_narrative_error"' in page
    assert 'value="https://example.org/annual-report"' in page and "Twenty more hubs." in page
    assert not ProgressReport.objects.exists()


def test_submitting_an_incomplete_draft_from_its_page_opens_the_form_with_what_it_lacks_marked(
    maker_client, member, open_cycle
):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    maker_client.post(reverse("my-report-new", args=[commitment.pk]), {**REPORT, "narrative": ""})
    report = ProgressReport.objects.get()

    response = maker_client.post(reverse("my-report-submit", args=[report.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("my-report-edit", args=[report.pk]) + "?check=submit"
    page = response.content.decode()
    assert 'class="error-summary"' in page and 'href="#id_narrative"' in page
    assert 'id="id_narrative_error"' in page
    assert "Twenty more hubs." in page  # what was saved is in the form
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_draft_report_saves_without_its_narrative(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    maker_client.post(reverse("my-report-new", args=[commitment.pk]), {**REPORT, "narrative": ""})

    assert ProgressReport.objects.get().status == "draft"


def test_the_report_form_lists_every_error_at_once(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    response = maker_client.post(
        reverse("my-report-new", args=[commitment.pk]),
        {**REPORT, "narrative": "", "evidence_url": "not a link", "implementation_status": "", "action": "submit"},
    )

    page = response.content.decode()
    for field in ("implementation_status", "narrative", "evidence_url"):
        assert f'href="#id_{field}"' in page, field


def test_the_report_form_shows_what_was_promised_beside_it(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(
        maker=member.maker,
        title="Open forty digital skills hubs",
        description="Hubs run by women's groups in three counties.",
        target_groups="Rural women and girls",
        is_financial=True,
        financial_amount_usd="2500000",
        start_year=2023,
        end_year=2027,
    )

    page = maker_client.get(reverse("my-report-new", args=[commitment.pk])).content.decode()

    promise = page[page.index('class="panel report-promise"') : page.index("</aside>")]
    assert "What was promised" in promise
    assert "Open forty digital skills hubs" in promise
    assert "Hubs run by women&#x27;s groups in three counties." in promise
    assert "Rural women and girls" in promise
    assert "2023–2027" in promise
    assert "2,500,000.00" in promise
