import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Region
from commitments.duplicates import likely_duplicates
from commitments.history import commitment_versions
from commitments.models import Commitment, CommitmentMaker, Constituency, Membership, ReviewEvent
from commitments.tests.factories import MakerFactory
from conftest import require_or_skip
from demo import DEMO_PASSWORD
from reporting.models import Challenge, ImplementationStatus, ProgressReport, ReportingCycle, annotate_reporting_status

pytestmark = pytest.mark.django_db

Status = Commitment.Status
Action = ReviewEvent.Action
GBV = "gender-based-violence"
EJR = "economic-justice-and-rights"


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


SCHEMA_TABLES = ["commitments_commitment", "commitments_reviewevent", "reporting_progressreport"]


def schema():
    with connection.cursor() as cursor:
        return {table: connection.introspection.get_constraints(cursor, table) for table in SCHEMA_TABLES}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One small demo, as `seed_demo --size 60` builds it, shared by the
    read-only tests of a class and rolled back after them: building it for
    every test would make this file slow. Gives the command's output and
    the schema of the filled tables as it was before."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = schema()
        yield SimpleNamespace(output=seed(size=60), schema_before=before)
        transaction.set_rollback(True)


def commitments():
    return Commitment.objects.filter(amends__isnull=True)


def approved_in(coalition_slug):
    return commitments().filter(status=Status.APPROVED, coalitions__slug=coalition_slug)


class TestTheSmallDemo:
    """Read-only checks on one small demo."""

    def test_size_is_the_number_of_commitments(self, demo):
        assert commitments().count() == 60

    def test_makers_of_every_constituency_take_part(self, demo):
        constituencies = set(CommitmentMaker.objects.values_list("constituency", flat=True))

        assert constituencies == set(Constituency.values)

    def test_makers_come_from_all_five_regions(self, demo):
        regions = set(CommitmentMaker.objects.values_list("country__region", flat=True))

        assert regions == set(Region.values)

    def test_every_verified_maker_has_a_commitment_and_every_maker_an_owner(self, demo):
        # The one unverified maker is waiting for the secretariat's check,
        # with nothing submitted yet.
        assert not CommitmentMaker.objects.filter(verified=True, commitments__isnull=True).exists()
        assert not CommitmentMaker.objects.exclude(memberships__role=Membership.Role.OWNER).exists()

    def test_every_coalition_and_the_compact_has_approved_commitments(self, demo):
        for coalition in ActionCoalition.objects.all():
            assert approved_in(coalition.slug).exists(), coalition.slug
        assert ActionCoalition.objects.filter(kind="compact", commitments__status=Status.APPROVED).exists()

    def test_commitments_are_in_every_status_with_open_amendments(self, demo):
        assert set(commitments().values_list("status", flat=True)) == set(Status.values)
        amendments = Commitment.objects.filter(amends__isnull=False)
        assert amendments.exists()
        assert set(amendments.values_list("amends__status", flat=True)) == {Status.APPROVED}
        assert set(amendments.values_list("status", flat=True)) <= {Status.DRAFT, Status.SUBMITTED, Status.RETURNED}

    def test_commitments_show_every_type_scope_and_financial_ones_state_an_amount(self, demo):
        for flag in ("is_policy", "is_programme", "is_financial", "is_advocacy"):
            assert commitments().filter(**{flag: True}).exists(), flag
        assert set(commitments().values_list("scope", flat=True)) == {"global", "regional", "national", "local"}
        assert not Commitment.objects.filter(is_financial=True, financial_amount_usd__isnull=True).exists()
        assert commitments().exclude(themes=None).exists()
        assert commitments().exclude(target_groups="").exists()
        assert commitments().exclude(partners="").exists()

    def test_action_areas_belong_to_the_chosen_coalitions(self, demo):
        for commitment in Commitment.objects.prefetch_related("coalitions", "action_areas"):
            coalitions = {coalition.pk for coalition in commitment.coalitions.all()}
            assert coalitions, commitment
            assert {area.coalition_id for area in commitment.action_areas.all()} <= coalitions, commitment
        assert ActionArea.objects.filter(commitments__isnull=False).exists()

    # Review trail -------------------------------------------------------------------

    def test_every_commitment_has_a_review_trail_that_ends_in_its_status(self, demo):
        for commitment in commitments().prefetch_related("review_events"):
            trail = [event for event in commitment.review_events.all() if not event.progress_report_id]
            own = [event for event in trail if not event.is_amendment]
            assert own[0].action == Action.CREATED, commitment
            assert own[-1].to_status == commitment.status, commitment
            assert [event.created_at for event in trail] == sorted(event.created_at for event in trail)

    def test_reviewers_decide_and_explain_returns(self, demo):
        decisions = ReviewEvent.objects.filter(action__in=[Action.APPROVED, Action.RETURNED, Action.REPORT_ACCEPTED])
        assert decisions.exists()
        assert not decisions.exclude(actor__is_staff=True).exists()
        returns = ReviewEvent.objects.filter(action__in=[Action.RETURNED, Action.REPORT_RETURNED])
        assert returns.exists()
        assert not returns.filter(comment="").exists()

    def test_amendments_have_their_own_trail_on_the_public_commitment(self, demo):
        for amendment in Commitment.objects.filter(amends__isnull=False):
            events = ReviewEvent.objects.filter(commitment=amendment.amends, is_amendment=True)
            assert events.first().action == Action.AMENDMENT_STARTED
            assert events.last().to_status == amendment.status

    def test_timestamps_follow_the_workflow_and_lie_in_the_past(self, demo):
        now = timezone.now()
        for commitment in commitments():
            assert commitment.created_at <= commitment.updated_at <= now
            if commitment.submitted_at:
                assert commitment.created_at <= commitment.submitted_at
            if commitment.is_public:
                assert commitment.submitted_at <= commitment.published_at <= commitment.updated_at
        assert not ReviewEvent.objects.filter(created_at__gt=now).exists()
        assert not Commitment.objects.filter(created_at__lt=F("maker__created_at")).exists()

    # Reporting ------------------------------------------------------------------------

    def test_four_closed_cycles_and_one_open_today(self, demo):
        today = timezone.localdate()
        cycles = list(ReportingCycle.objects.order_by("year"))

        assert [cycle.year for cycle in cycles] == list(range(today.year - 4, today.year + 1))
        assert [cycle.is_open(today) for cycle in cycles] == [False, False, False, False, True]
        assert all(cycle.is_closed(today) for cycle in cycles[:4])

    def test_progress_reports_in_every_status_and_implementation_status(self, demo):
        reports = ProgressReport.objects.all()

        assert set(reports.values_list("status", flat=True)) == set(ProgressReport.Status.values)
        assert set(reports.values_list("implementation_status", flat=True)) == set(ImplementationStatus.values)
        assert reports.filter(amount_disbursed_usd__gt=0).exists()
        assert reports.filter(people_reached__gt=0).exists()
        assert not reports.exclude(commitment__status__in=[Status.APPROVED, Status.WITHDRAWN]).exists()

    def test_reports_name_challenges_from_the_fixed_list(self, demo):
        named = {
            code for challenges in ProgressReport.objects.values_list("challenges", flat=True) for code in challenges
        }

        assert named <= set(Challenge.values)
        assert len(named) >= 5

    def test_there_are_two_to_three_reports_per_approved_commitment_across_cycles(self, demo):
        per_commitment = ProgressReport.objects.count() / commitments().filter(status=Status.APPROVED).count()

        assert 1.5 <= per_commitment <= 3.5

    def test_reporting_statuses_cover_reported_due_inactive_today_and_overdue_once_the_cycle_closes(self, demo):
        today = annotate_reporting_status(commitments())
        open_cycle = ReportingCycle.objects.get(year=timezone.localdate().year)
        after_close = annotate_reporting_status(commitments(), day=open_cycle.closes_on + datetime.timedelta(days=1))

        assert {"reported", "due", "inactive"} <= set(today.values_list("reporting_status", flat=True))
        assert "overdue" in set(after_close.values_list("reporting_status", flat=True))

    # The makers of the localisation dialogue --------------------------------------------

    def test_kenya_and_tanzania_co_lead_gbv_and_economic_justice_with_approved_commitments(self, demo):
        for country, slug in [("KE", GBV), ("TZ", EJR)]:
            maker = CommitmentMaker.objects.get(country=country, constituency=Constituency.MEMBER_STATE, verified=True)
            leader = CoalitionLeader.objects.get(maker=maker, coalition__slug=slug)
            leader.full_clean()
            assert approved_in(slug).filter(maker=maker).exists()

    def test_national_and_local_commitments_in_kenya_and_tanzania_name_places_inside_their_countries(self, demo):
        placed = Commitment.objects.filter(places__isnull=False).distinct()
        assert placed.filter(places__country="KE").exists() and placed.filter(places__country="TZ").exists()
        for commitment in placed.prefetch_related("places", "countries"):
            assert commitment.scope in ("national", "local")
            assert {p.country_id for p in commitment.places.all()} <= {c.code for c in commitment.countries.all()}

    def test_every_coalition_leader_holds_an_approved_commitment_in_its_coalition(self, demo):
        for leader in CoalitionLeader.objects.all():
            leader.full_clean()

    def test_burkina_faso_commits_on_srhr_and_kazakhstan_on_three_coalitions(self, demo):
        burkina = CommitmentMaker.objects.get(country="BF", constituency=Constituency.MEMBER_STATE)
        kazakhstan = CommitmentMaker.objects.get(country="KZ", constituency=Constituency.MEMBER_STATE)

        assert approved_in("bodily-autonomy-and-srhr").filter(maker=burkina).exists()
        for slug in [GBV, EJR, "technology-and-innovation"]:
            assert approved_in(slug).filter(maker=kazakhstan).exists(), slug

    def test_some_showcase_commitments_carry_their_makers_words_in_another_language(self, demo):
        from commitments.texts import text_in

        burkina = approved_in("bodily-autonomy-and-srhr").get(maker__country="BF", title__startswith="Train village")
        french = text_in(burkina, "fr")
        assert french.translated and french.title.startswith("Former des sages-femmes")
        burkina.full_clean()
        assert not text_in(burkina, "ar").translated
        assert commitments().filter(translations__has_key="ru").exists()

    def test_bosnia_and_herzegovina_has_23_makers_across_four_coalitions(self, demo):
        makers = CommitmentMaker.objects.filter(country="BA")
        coalitions = set(commitments().filter(maker__in=makers).values_list("coalitions__slug", flat=True))

        assert makers.count() == 23
        assert coalitions == {GBV, EJR, "bodily-autonomy-and-srhr", "feminist-action-for-climate-justice"}

    def test_the_30_for_2030_youth_network_works_across_asia_and_the_pacific(self, demo):
        network = CommitmentMaker.objects.get(name__contains="30 for 2030")

        assert network.constituency == Constituency.YOUTH_LED
        assert network.country.region == Region.ASIA_PACIFIC
        assert commitments().filter(maker=network, status=Status.APPROVED, scope="regional").exists()

    # Integrity ----------------------------------------------------------------------------

    def test_every_public_and_draft_commitment_has_a_unique_reference(self, demo):
        references = list(commitments().values_list("reference", flat=True))

        assert None not in references
        assert len(set(references)) == len(references)
        assert not Commitment.objects.filter(amends__isnull=False, reference__isnull=False).exists()
        for commitment in commitments()[:10]:
            assert commitment.reference == f"GE-{commitment.created_at.year}-{commitment.pk:05d}"

    def test_a_sample_of_every_kind_of_row_passes_full_clean(self, demo):
        samples = [
            *CommitmentMaker.objects.order_by("?")[:10],
            *Membership.objects.order_by("?")[:10],
            *Commitment.objects.order_by("?")[:20],
            *Commitment.objects.filter(amends__isnull=False),
            *ProgressReport.objects.order_by("?")[:20],
            *ReviewEvent.objects.order_by("?")[:20],
            *ReportingCycle.objects.all(),
        ]
        for row in samples:
            row.full_clean()

    def test_the_schema_is_left_as_migrations_made_it(self, demo):
        assert schema() == demo.schema_before

    def test_the_rebuilt_indexes_are_usable_before_the_seed_commits(self, demo):
        # An index built over rows the same transaction had updated cannot be
        # used until that transaction ends (indcheckxmin): the seed's later
        # lookups (the stored reporting statuses) then scan whole tables.
        require_or_skip(connection.vendor == "postgresql", "rebuilt indexes exist only on PostgreSQL")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE indcheckxmin AND indrelid::regclass::text = ANY(%s)",
                [["commitments_commitment", "reporting_progressreport", "commitments_indicator"]],
            )
            assert cursor.fetchall() == []

    def test_every_commitment_starts_with_its_history_links_included(self, demo):
        for commitment in Commitment.objects.prefetch_related("coalitions", "countries"):
            latest = commitment.history.first()
            assert latest is not None, commitment
            assert (latest.status, latest.reference, latest.title) == (
                commitment.status,
                commitment.reference,
                commitment.title,
            )
            assert {row.actioncoalition_id for row in latest.coalitions.all()} == {
                coalition.pk for coalition in commitment.coalitions.all()
            }
            assert {row.country_id for row in latest.countries.all()} == {
                country.pk for country in commitment.countries.all()
            }

    def test_a_published_commitment_shows_its_publication_and_a_withdrawn_one_its_withdrawal(self, demo):
        approved = commitments().filter(status=Status.APPROVED).first()
        withdrawn = commitments().filter(status=Status.WITHDRAWN).first()

        (published,) = commitment_versions(approved, public=True)
        assert published.first and published.date == approved.published_at
        latest, _published = commitment_versions(withdrawn, public=True)
        assert [(change.before, change.after) for change in latest.fields] == [("Approved", "Withdrawn")]
        reviewer = ReviewEvent.objects.get(commitment=approved, action=Action.APPROVED).actor
        assert approved.history.get().history_user == reviewer

    # Demo users -------------------------------------------------------------------------------

    def test_the_secretariat_reviewer_can_review_commitments_and_reports(self, demo, settings):
        # The class-wide demo was built before the suite's fast hasher was
        # switched on for this test; accept the hash it made.
        settings.PASSWORD_HASHERS = [*global_settings.PASSWORD_HASHERS, *settings.PASSWORD_HASHERS]
        reviewer = get_user_model().objects.get(username="secretariat")

        assert reviewer.is_staff
        assert reviewer.has_perm("commitments.review_commitment")
        assert reviewer.has_perm("reporting.review_progressreport")
        assert reviewer.check_password(DEMO_PASSWORD)
        assert set(reviewer.groups.values_list("name", flat=True)) == {"Reviewers", "Secretariat admins"}

    def test_maker_users_own_or_edit_their_makers(self, demo):
        kenya = Membership.objects.get(user__username="maker-kenya")
        bosnia = Membership.objects.filter(user__username="maker-bih")

        assert kenya.role == Membership.Role.OWNER and kenya.maker.country_id == "KE"
        assert {membership.role for membership in bosnia} == {Membership.Role.OWNER, Membership.Role.EDITOR}

    def test_every_maker_with_commitments_is_verified(self, demo):
        assert not CommitmentMaker.objects.filter(verified=False, commitments__isnull=False).exists()
        assert not CommitmentMaker.objects.filter(verified=True, verified_at__isnull=True).exists()

    def test_one_look_alike_government_waits_for_the_secretariats_check(self, demo):
        waiting = CommitmentMaker.objects.get(verified=False)
        government = CommitmentMaker.objects.get(name="Government of Kenya")

        assert waiting.memberships.get().user.username == "maker-unverified"
        assert waiting.waits_for_check
        assert government in likely_duplicates(waiting)

    def test_the_summary_prints_counts_and_the_demo_logins(self, demo):
        assert "commitments" in demo.output and "60" in demo.output
        assert f"password: {DEMO_PASSWORD}" in demo.output
        for username in ["secretariat", "maker-kenya", "maker-tanzania", "maker-bih", "maker-30for2030"]:
            assert username in demo.output


# Running it again -----------------------------------------------------------------------------


def test_if_empty_leaves_a_database_with_makers_alone(db):
    MakerFactory()

    output = seed(size=60, if_empty=True)

    assert "no demo data added" in output
    assert CommitmentMaker.objects.count() == 1
    assert not Commitment.objects.exists()


def test_without_if_empty_it_refuses_a_database_with_makers(db):
    MakerFactory()

    with pytest.raises(CommandError, match="already has commitment makers"):
        seed(size=60)
    assert not Commitment.objects.exists()


def test_a_size_too_small_to_show_everything_is_refused(db):
    with pytest.raises(CommandError, match="at least"):
        seed(size=10)


def test_the_same_seed_builds_the_same_titles_and_another_seed_others(db):
    def titles(seed_value):
        seed(size=60, seed=seed_value)
        built = list(Commitment.objects.order_by("pk").values_list("title", flat=True))
        Commitment.objects.all().delete()
        ReportingCycle.objects.all().delete()
        CommitmentMaker.objects.all().delete()
        get_user_model().objects.all().delete()
        return built

    first = titles(7)

    assert titles(7) == first
    assert titles(8) != first


def test_demo_accounts_left_from_an_earlier_demo_are_reported_not_duplicated(db):
    get_user_model().objects.create(username="demo-member-00001")

    with pytest.raises(CommandError, match="left from an earlier demo"):
        seed(size=60)
    assert not CommitmentMaker.objects.exists()


@pytest.mark.usefixtures("demo")
class TestTheDemoFocalPoints:
    """Focal points in the small demo, and what they entered."""

    def test_kenya_tanzania_and_bosnia_and_herzegovina_have_published_focal_points(self):
        from reporting.models import FocalPoint

        appointments = {fp.country_id: fp for fp in FocalPoint.objects.prefetch_related("places")}

        assert set(appointments) == {"KE", "TZ", "BA"} and all(fp.published for fp in appointments.values())
        assert {place.country_id for place in appointments["KE"].places.all()} == {"KE"}
        assert len(appointments["TZ"].places.all()) == 3
        assert not appointments["BA"].places.all()

    def test_focal_points_entered_draft_reports_in_their_scope_for_makers_to_confirm(self):
        from reporting import focal_points
        from reporting.models import FocalPoint

        entered = ProgressReport.objects.filter(entered_by__isnull=False).select_related("entered_by")
        assert entered.exists()
        for report in entered:
            appointment = FocalPoint.objects.get(user=report.entered_by)
            assert report.status == "draft"
            assert focal_points.scope_commitments(appointment).filter(pk=report.commitment_id).exists()
            assert ReviewEvent.objects.filter(progress_report=report, action="report_entered").exists()


class TestTheDemosMeasures:
    """Indicators, deliverables and results that tell a story, with the
    stored SMART score and progress matching their rules."""

    def test_about_three_indicators_a_commitment_many_standard_and_results_over_cycles(self, demo):
        from commitments.models import Deliverable, Indicator
        from reporting.models import IndicatorResult

        count = commitments().count()
        indicators = Indicator.objects.count()
        assert 2 * count <= indicators <= 3.5 * count
        assert Indicator.objects.filter(standard__isnull=False).count() > indicators / 3
        assert Deliverable.objects.filter(status="delivered", delivered_in__isnull=False).exists()
        assert IndicatorResult.objects.values("report__cycle").distinct().count() >= 3

    def test_breakdowns_add_up_and_results_pass_the_models_checks(self, demo):
        from reporting.models import IndicatorResult

        with_parts = IndicatorResult.objects.filter(breakdown__isnull=False).distinct().prefetch_related("breakdown")
        assert with_parts.exists()
        for result in with_parts[:50]:
            sums = {}
            for part in result.breakdown.all():
                part.full_clean()
                sums[part.dimension] = sums.get(part.dimension, 0) + part.value
            assert set(sums.values()) == {result.value}
        for result in IndicatorResult.objects.order_by("?")[:20]:
            result.full_clean()
            assert result.indicator.commitment_id == result.report.commitment_id

    def test_the_stored_figures_follow_their_rules_and_tell_a_story(self, demo):
        from commitments.smart import assess, facts_of
        from reporting.progress import progress_of

        for commitment in commitments().order_by("?")[:30]:
            assert commitment.smart_score == assess(facts_of(commitment)).score
            assert commitment.progress == progress_of(commitment).percent
        approved = commitments().filter(status=Status.APPROVED, progress__isnull=False)
        assert approved.filter(progress__lt=40).exists() and approved.filter(progress__gte=70).exists()
        assert len(set(commitments().values_list("smart_score", flat=True))) >= 3

    def test_some_accepted_reports_are_assessed_and_some_money_is_in_its_own_currency(self, demo):
        accepted = ProgressReport.objects.filter(status="accepted")
        assert set(accepted.exclude(assessment="").values_list("assessment", flat=True)) == {
            "verified",
            "partly_verified",
            "not_verifiable",
        }
        assert not ProgressReport.objects.exclude(status="accepted").exclude(assessment="").exists()
        for report in ProgressReport.objects.exclude(currency="")[:10]:
            report.full_clean()
            assert report.amount_disbursed_usd == (report.amount_disbursed_original * report.usd_rate).quantize(
                report.amount_disbursed_usd
            )
