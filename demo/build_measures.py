"""Deliverables, indicators and their results (`MeasuresMixin`, part of
`DemoBuilder`), written after the commitments and reports in bulk (COPY on
PostgreSQL), never row by row, so that the 100,000-commitment benchmark
seeds in seconds.

Every commitment (amendments aside) gets a story: a *pace* drawn once —
behind (a third of the way or less), on track (most of the way), or past its
target — that every one of its indicators follows over its cycles, with
noise, and that decides how many of its deliverables are delivered when due.
About three indicators a commitment, two in three tied to a standard
indicator; results of people-counting ones are broken down by sex (always),
age group (half) and disability (a third), each dimension adding up to the
value. Some reports give the money in its own currency, and a share of
accepted reports carry the secretariat's assessment. The stored SMART score
and progress are then set by one statement each."""

from decimal import Decimal

from django.db import connection

from coalitions.models import StandardIndicator, Unit
from commitments.models import Commitment, Deliverable, DeliverableStatus, Indicator
from commitments.smart import refresh_smart_scores
from reporting.models import DeliverableUpdate, IndicatorResult, ProgressReport, ResultBreakdown
from reporting.progress import recompute_progress

from .common import GBV

# (name, standard code or None, unit, baseline range, target over baseline range)
TEMPLATES = {
    GBV: [
        (
            "Survivors supported by shelters and hotlines",
            "people-reached-by-services",
            Unit.PEOPLE,
            (200, 5000),
            (2, 6),
        ),
        (
            "Laws on violence against women adopted or reformed",
            "laws-and-policies-adopted",
            Unit.LAWS_POLICIES,
            (0, 2),
            (3, 6),
        ),
        ("Police and health workers trained", "people-trained", Unit.PEOPLE, (50, 800), (3, 10)),
    ],
    None: [
        ("People reached by the programme", "people-reached-by-services", Unit.PEOPLE, (500, 20000), (2, 5)),
        ("People trained", "people-trained", Unit.PEOPLE, (20, 2000), (2, 8)),
        ("Women's rights organisations funded", "organisations-funded", Unit.ORGANISATIONS, (0, 30), (2, 5)),
        ("Policies adopted or reformed", "laws-and-policies-adopted", Unit.LAWS_POLICIES, (0, 3), (2, 5)),
        ("Share of women in decision-making bodies", None, Unit.PERCENT, (10, 30), (1.5, 2.5)),
        ("Community groups running their own activities", None, Unit.COUNT, (0, 40), (2, 6)),
    ],
}
DELIVERABLES = (
    "National action plan drafted and costed",
    "Baseline survey published",
    "Shelter opened",
    "Training curriculum adopted",
    "Grant round launched",
    "Helpline running around the clock",
    "Monitoring dashboard online",
    "Final evaluation published",
)
PACES = {"behind": 30, "on_track": 50, "past": 12}
ASSESSMENT_COMMENTS = {
    "verified": "The evidence linked matches the figures reported.",
    "partly_verified": "The shelter figures are documented; the training figures could not be checked.",
    "not_verifiable": "No evidence was linked and the figures could not be checked.",
}
COUNTED = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)


class MeasuresMixin:
    def _create_measures(self, done):
        rng = self.rng
        now = self.now
        standards = dict(StandardIndicator.objects.values_list("code", "pk"))
        first_coalition = {}
        for commitment_id, slug in Commitment.coalitions.through.objects.order_by("id").values_list(
            "commitment_id", "actioncoalition__slug"
        ):
            first_coalition.setdefault(commitment_id, slug)
        reports = {}
        for pk, commitment_id, year, status in ProgressReport.objects.order_by("cycle__year").values_list(
            "pk", "commitment_id", "cycle__year", "status"
        ):
            reports.setdefault(commitment_id, []).append((pk, year, status))
        commitments = Commitment.objects.filter(amends__isnull=True).values_list("pk", "start_year", "end_year")
        indicators, deliverables, results, parts, updates = [], [], [], [], []
        for pk, start, end in commitments.iterator(chunk_size=5000):
            start = start or self.first_year
            end = max(end or start + 4, start)
            if rng.random() < 0.08:
                continue  # nothing measurable: progress stays null, the SMART score shows it
            pace = self.weighted(PACES)
            factor = {
                "behind": rng.uniform(0.1, 0.35),
                "on_track": rng.uniform(0.6, 0.95),
                "past": rng.uniform(1.05, 1.4),
            }[pace]
            own_reports = reports.get(pk, [])
            templates = TEMPLATES[GBV] if first_coalition.get(pk) == GBV else TEMPLATES[None]
            count = self.weighted({1: 2, 2: 3, 3: 5, 4: 2})
            for order, (name, code, unit, base_range, ratio) in enumerate(
                rng.sample(templates, min(count, len(templates)))
            ):
                baseline = Decimal(int(rng.uniform(*base_range)))
                target = Decimal(max(int(baseline * Decimal(str(rng.uniform(*ratio)))), int(baseline) + 3))
                if unit == Unit.PERCENT:
                    target = min(target, Decimal(95))
                standard = standards.get(code) if code and rng.random() < 0.8 else None
                row = {
                    "commitment_id": pk,
                    "standard_id": standard,
                    "name": name,
                    "unit": unit,
                    "baseline_value": baseline,
                    "baseline_year": start,
                    "target_value": target,
                    "target_year": end,
                    "order": order,
                    "created_at": now,
                    "updated_at": now,
                }
                indicators.append(row)
                steps = len(own_reports)
                for step, (report_id, _year, _status) in enumerate(own_reports, start=1):
                    share = factor * step / steps * rng.uniform(0.85, 1.1)
                    value = max(Decimal(0), (baseline + (target - baseline) * Decimal(str(share))).quantize(Decimal(1)))
                    results.append({"report_id": report_id, "indicator": row, "value": value, "note": "", "unit": unit})
            for order in range(self.weighted({0: 1, 1: 3, 2: 4, 3: 2})):
                due = rng.randint(start, end)
                row = {
                    "commitment_id": pk,
                    "title": DELIVERABLES[(pk + order) % len(DELIVERABLES)],
                    "due_year": due,
                    "status": DeliverableStatus.NOT_STARTED,
                    "delivered_in": None,
                    "order": order,
                    "created_at": now,
                    "updated_at": now,
                }
                dropped = rng.random() < 0.05
                for report_id, year, status in own_reports:
                    if dropped and year >= due:
                        state = DeliverableStatus.DROPPED
                    elif year >= due and (pace != "behind" or rng.random() < 0.3):
                        state = DeliverableStatus.DELIVERED
                    elif year >= start:
                        state = DeliverableStatus.IN_PROGRESS
                    else:
                        state = DeliverableStatus.NOT_STARTED
                    updates.append({"report_id": report_id, "deliverable": row, "status": state})
                    if status in COUNTED:
                        if state == DeliverableStatus.DELIVERED and row["status"] != DeliverableStatus.DELIVERED:
                            row["delivered_in"] = year
                        elif state != DeliverableStatus.DELIVERED:
                            row["delivered_in"] = None
                        row["status"] = state
                deliverables.append(row)
        indicator_fields = [
            "commitment_id",
            "standard_id",
            "name",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "order",
            "created_at",
            "updated_at",
        ]
        self._insert_with_ids(Indicator, indicator_fields, indicators)
        deliverable_fields = [
            "commitment_id",
            "title",
            "due_year",
            "status",
            "delivered_in",
            "order",
            "created_at",
            "updated_at",
        ]
        self._insert_with_ids(Deliverable, deliverable_fields, deliverables)
        for result in results:
            result["indicator_id"] = result["indicator"]["id"]
        self._insert_with_ids(IndicatorResult, ["report_id", "indicator_id", "value", "note"], results)
        for result in results:
            if result["unit"] == Unit.PEOPLE:
                parts.extend(self._breakdown(result["id"], int(result["value"])))
        self.writer.insert(ResultBreakdown, ["result_id", "dimension", "category", "value"], parts)
        self.writer.insert(
            DeliverableUpdate,
            ["report_id", "deliverable_id", "status"],
            [[update["report_id"], update["deliverable"]["id"], update["status"]] for update in updates],
        )
        self.counts["indicators"] = len(indicators)
        self.counts["deliverables"] = len(deliverables)
        self.counts["results"] = len(results)
        self.counts["breakdown parts"] = len(parts)
        done(f"{len(indicators):,} indicators, {len(deliverables):,} deliverables, {len(results):,} results")

    def _measure_figures(self, done):
        """The money, assessments, SMART scores and progress of the loaded
        rows: UPDATEs, so they run once the indexes are back. An index built
        in a transaction over rows that transaction already updated (broken
        HOT chains) is marked `indcheckxmin` and is unusable until the
        transaction ends, and then every later correlated lookup of the seed
        (the stored reporting statuses) scans whole tables: at 100,000
        commitments that was an hour."""
        self._money_and_assessments()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner joins 100,000 rows as if they were a few.
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE commitments_commitment, commitments_indicator, commitments_deliverable, "
                    "reporting_indicatorresult, reporting_progressreport, commitments_commitment_action_areas, "
                    "commitments_commitment_coalitions, commitments_commitment_countries"
                )
        refresh_smart_scores(Commitment.objects.all())
        recompute_progress()
        done("SMART scores and progress")

    def _breakdown(self, result_id, total):
        rng = self.rng
        rows = []
        women = int(total * rng.uniform(0.55, 0.85))
        rows += [(result_id, "sex", "female", women), (result_id, "sex", "male", total - women)]
        if rng.random() < 0.5:
            young = int(total * rng.uniform(0.1, 0.3))
            youth = int((total - young) * rng.uniform(0.2, 0.5))
            older = int((total - young - youth) * rng.uniform(0.05, 0.15))
            rows += [
                (result_id, "age_group", "under_15", young),
                (result_id, "age_group", "15_24", youth),
                (result_id, "age_group", "65_plus", older),
                (result_id, "age_group", "25_64", total - young - youth - older),
            ]
        if rng.random() < 0.33:
            disabled = int(total * rng.uniform(0.03, 0.15))
            rows += [
                (result_id, "disability", "with_disability", disabled),
                (result_id, "disability", "without_disability", total - disabled),
            ]
        return [list(row) for row in rows]

    def _money_and_assessments(self):
        """One report in seven with money gives it in euros (the rate used),
        and about half the accepted reports carry the secretariat's
        assessment (six verified, two partly verified, two not verifiable in
        ten), by one UPDATE each."""
        reviewer = self.reviewers[0] if getattr(self, "reviewers", None) else None
        with connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE reporting_progressreport
                SET amount_disbursed_original = ROUND(amount_disbursed_usd / 1.08, 2), currency = 'EUR',
                    usd_rate = 1.08, amount_disbursed_usd = ROUND(ROUND(amount_disbursed_usd / 1.08, 2) * 1.08, 2)
                WHERE amount_disbursed_usd IS NOT NULL AND id %% 7 = 0
                """,
                [],
            )
            cursor.execute(
                """
                UPDATE reporting_progressreport
                SET assessment = CASE WHEN id %% 20 < 6 THEN 'verified'
                                      WHEN id %% 20 < 8 THEN 'partly_verified'
                                      ELSE 'not_verifiable' END,
                    assessed_at = updated_at, assessed_by_id = %s
                WHERE status = 'accepted' AND id %% 20 < 10
                """,
                [reviewer],
            )
            for assessment, comment in ASSESSMENT_COMMENTS.items():
                cursor.execute(
                    "UPDATE reporting_progressreport SET assessment_comment = %s WHERE assessment = %s",
                    [comment, assessment],
                )
