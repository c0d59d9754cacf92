from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import Country, Region
from core.validation import unique_error_on_field

from .choices import ImplementationStatus, ReportingStatus  # noqa: F401 (re-exported)


class ReportingCycleQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def closed_by(self, day):
        return self.filter(closes_on__lt=day)

    def next_to_close(self, day):
        """The cycle whose deadline comes next on `day`: the open one, or else
        the next to open; None when none is planned."""
        return self.filter(closes_on__gte=day).order_by("closes_on", "year").first()


class ReportingCycle(models.Model):
    """The annual window in which makers report progress on their approved
    commitments: one report per commitment per cycle. A cycle is open between
    `opens_on` and `closes_on`, both days included."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    objects = ReportingCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gt=F("opens_on")), name="cycle_closes_after_it_opens"),
            models.CheckConstraint(condition=Q(year__gte=2015) & Q(year__lte=2100), name="cycle_year_plausible"),
        ]

    def __str__(self):
        return _("Reporting cycle %(year)s") % {"year": self.year}

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": _("A cycle must close after it opens.")})

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def is_closed(self, day=None):
        day = day or timezone.localdate()
        return self.closes_on < day


class Challenge(models.TextChoices):
    FUNDING = "funding", _("Funding")
    POLITICAL_CONTEXT = "political_context", _("Political context")
    CAPACITY = "capacity", _("Capacity")
    COORDINATION = "coordination", _("Coordination")
    DATA = "data", _("Data")
    SECURITY = "security", _("Security")
    SOCIAL_NORMS = "social_norms", _("Social norms")
    OTHER = "other", _("Other")


class Assessment(models.TextChoices):
    """The secretariat's own reading of a report's evidence, published beside
    (never instead of) the maker's self-reported status."""

    VERIFIED = "verified", _("Verified")
    PARTLY_VERIFIED = "partly_verified", _("Partly verified")
    NOT_VERIFIABLE = "not_verifiable", _("Not verifiable")


class ProgressReport(models.Model):
    """What a maker reports, once per reporting cycle, about one approved
    commitment: how implementation stands, money disbursed, people reached and
    what got in the way. Reviewed by the secretariat like commitments are."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    # Reports that count as reported, for the reporting rate and status.
    COUNTED = (Status.SUBMITTED, Status.ACCEPTED)

    commitment = models.ForeignKey("commitments.Commitment", on_delete=models.CASCADE, related_name="progress_reports")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="progress_reports")
    implementation_status = models.CharField(
        _("implementation status"), max_length=14, choices=ImplementationStatus.choices, db_index=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    # The money paid out in this cycle's year alone, never a running total:
    # the cumulative figure and the share of the amount committed are
    # computed from the reports of every cycle.
    amount_disbursed_usd = models.DecimalField(
        _("amount disbursed this year (USD)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    amount_disbursed_original = models.DecimalField(
        _("amount disbursed this year, in its currency"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. KES."))
    usd_rate = models.DecimalField(
        _("US dollars per unit of the currency"), max_digits=18, decimal_places=8, null=True, blank=True
    )
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    challenges = models.JSONField(
        _("challenges"), default=list, blank=True, help_text=_("Codes from the fixed list of challenges.")
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    places = models.ManyToManyField(
        "coalitions.Subdivision",
        verbose_name=_("places where results were achieved"),
        related_name="progress_reports",
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    assessment = models.CharField(
        _("secretariat's assessment"), max_length=16, choices=Assessment.choices, blank=True, db_index=True
    )
    assessment_comment = models.TextField(_("assessment comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True, editable=False)
    # The focal point who entered this report on the maker's behalf (from a
    # spreadsheet collected offline); its members confirm and submit it.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-cycle__year", "-id"]
        permissions = [("review_progressreport", "Can accept or return submitted progress reports")]
        indexes = [
            models.Index(fields=["cycle", "status"], name="report_cycle_status"),
            models.Index(fields=["status", "updated_at", "id"], name="report_status_updated"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "cycle"], name="one_report_per_commitment_per_cycle"),
            models.CheckConstraint(
                condition=Q(amount_disbursed_usd__isnull=True) | Q(amount_disbursed_usd__gte=0),
                name="report_amount_not_negative",
            ),
            # An amount in another currency comes with its code, the rate
            # used and the USD it came to; none of them alone.
            models.CheckConstraint(
                condition=Q(amount_disbursed_original__isnull=True, currency="", usd_rate__isnull=True)
                | Q(
                    amount_disbursed_original__isnull=False,
                    usd_rate__gt=0,
                    amount_disbursed_usd__isnull=False,
                    currency__regex=r"^[A-Z]{3}$",
                ),
                name="report_original_currency_complete",
            ),
            models.CheckConstraint(
                condition=Q(assessment="") | Q(status="accepted"), name="report_assessed_only_when_accepted"
            ),
        ]

    def __str__(self):
        return _("%(cycle)s report on %(commitment)s") % {"cycle": self.cycle.year, "commitment": self.commitment}

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise unique_error_on_field(
                error,
                ("commitment", "cycle"),
                "cycle",
                _("This commitment already has a progress report for this cycle."),
            ) from None

    def get_challenges_display(self):
        labels = dict(Challenge.choices)
        return [labels.get(code, code) for code in self.challenges]

    def clean(self):
        errors = {}
        if not isinstance(self.challenges, list):
            errors["challenges"] = _("Challenges must be a list of codes.")
        else:
            unknown = sorted(set(self.challenges) - set(Challenge.values))
            if unknown:
                errors["challenges"] = _("Unknown challenges: %(codes)s") % {"codes": ", ".join(map(str, unknown))}
        if self.amount_disbursed_usd is not None and self.amount_disbursed_usd < 0:
            errors["amount_disbursed_usd"] = _("The amount cannot be negative.")
        if errors:
            raise ValidationError(errors)


def reporting_rate_of(by_status, day):
    """The reporting rate from counts of reporting statuses (`{code: n}` of
    approved commitments): of those that owe a report for the current cycle
    (the open one, or else the last closed one), how many have filed it,
    accepted or awaiting review. The dashboard and the country pages both
    count this way, so each agrees with the catalogue filtered by those
    statuses; ended and completed commitments count in neither. None before
    any cycle."""
    open_cycle, last_closed, _last_two = reporting_cycles_for(day)
    cycle = open_cycle or last_closed
    if cycle is None:
        return None
    return {
        "year": cycle.year,
        "owing": sum(by_status.get(code, 0) for code in OWING_A_REPORT),
        "reported": sum(by_status.get(code, 0) for code in HAVE_REPORTED),
    }


def reporting_cycles_for(day):
    """The cycles that decide a commitment's reporting status on `day`: the
    open one (if any), the last closed one, and the last two cycles that had
    opened by then."""
    opened = list(ReportingCycle.objects.filter(opens_on__lte=day).order_by("-year")[:3])
    open_cycle = next((cycle for cycle in opened if cycle.is_open(day)), None)
    last_closed = next((cycle for cycle in opened if cycle.is_closed(day)), None)
    return open_cycle, last_closed, opened[:2]


# The reporting statuses of commitments that owe a report for the current
# cycle: the denominator of the reporting rate, and those the reminders chase
# (less the reported ones). Ended and completed commitments owe nothing.
OWING_A_REPORT = (
    ReportingStatus.REPORTED,
    ReportingStatus.AWAITING_REVIEW,
    ReportingStatus.DUE,
    ReportingStatus.OVERDUE,
    ReportingStatus.INACTIVE,
)
# Those that have filed it: the numerator of the reporting rate.
HAVE_REPORTED = (ReportingStatus.REPORTED, ReportingStatus.AWAITING_REVIEW)
# What a final accepted report says when the commitment is over.
FINAL_IMPLEMENTATION_STATUSES = (ImplementationStatus.COMPLETED, ImplementationStatus.DISCONTINUED)


def last_accepted_implementation_status():
    """The implementation status of a commitment's latest accepted report, as
    a subquery on the commitment."""
    accepted = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ProgressReport.Status.ACCEPTED)
    return Subquery(accepted.order_by("-cycle__year").values("implementation_status")[:1])


def annotate_reporting_status(queryset, day=None):
    """Annotate commitments with `reporting_status` and their latest
    `implementation_status`, in SQL, with one query for the cycles.

    The first that applies, in this order:

    - completed: the latest accepted report says completed or discontinued;
    - reported: an accepted report for the current cycle (the open one, or
      else the last closed one);
    - awaiting_review: a submitted report for the current cycle that the
      secretariat has not accepted yet;
    - ended: the end year is before the current cycle's year, so nothing is
      owed for it (unless, while a cycle is open, the last closed cycle fell
      within its years and has no report: that is still overdue);
    - inactive: no such report in either of the last two cycles, for a
      commitment published before the older of them opened;
    - overdue: the last closed cycle has none (for a commitment published
      before it closed), even while the next cycle is open;
    - due: a cycle is open and has no report yet.

    Commitments that are not approved get None.
    """
    day = day or timezone.localdate()
    open_cycle, last_closed, last_two = reporting_cycles_for(day)
    current = open_cycle or last_closed

    def reported_in(cycle, statuses=ProgressReport.COUNTED):
        return Exists(ProgressReport.objects.filter(commitment=OuterRef("pk"), cycle=cycle, status__in=statuses))

    latest_report = ProgressReport.objects.filter(
        commitment=OuterRef("pk"), status__in=ProgressReport.COUNTED
    ).order_by("-cycle__year")
    queryset = queryset.annotate(implementation_status=Subquery(latest_report.values("implementation_status")[:1]))
    if current is None:
        return queryset.annotate(reporting_status=Value(None, output_field=models.CharField()))

    # Only approved commitments owe reports; drafts and withdrawn ones have
    # no reporting status at all.
    queryset = queryset.alias(last_accepted_implementation_status=last_accepted_implementation_status())
    whens = [
        When(~Q(status="approved"), then=Value(None)),
        When(
            Q(last_accepted_implementation_status__in=FINAL_IMPLEMENTATION_STATUSES),
            then=Value(ReportingStatus.COMPLETED),
        ),
        When(reported_in(current, [ProgressReport.Status.ACCEPTED]), then=Value(ReportingStatus.REPORTED)),
        When(reported_in(current, [ProgressReport.Status.SUBMITTED]), then=Value(ReportingStatus.AWAITING_REVIEW)),
    ]
    missed_last_closed = None
    if open_cycle and last_closed:
        missed_last_closed = ~reported_in(last_closed) & Q(published_at__date__lte=last_closed.closes_on)
    ended = Q(end_year__lt=current.year)
    if missed_last_closed is not None:
        # Its last year was the closed cycle's, and that report never came.
        ended &= ~(Q(end_year__gte=last_closed.year) & missed_last_closed)
    whens.append(When(ended, then=Value(ReportingStatus.ENDED)))
    if len(last_two) == 2:
        older = last_two[1]
        whens.append(
            When(
                ~reported_in(last_two[0]) & ~reported_in(older) & Q(published_at__date__lt=older.opens_on),
                then=Value(ReportingStatus.INACTIVE),
            )
        )
    if missed_last_closed is not None:
        # Missing last cycle's report outweighs not having filed this
        # cycle's yet: the maker is behind, not merely due.
        whens.append(When(missed_last_closed, then=Value(ReportingStatus.OVERDUE)))
    fallback = ReportingStatus.DUE if open_cycle else ReportingStatus.OVERDUE
    return queryset.annotate(reporting_status=Case(*whens, default=Value(fallback), output_field=models.CharField()))


class AccountabilityReportQuerySet(models.QuerySet):
    def worldwide(self):
        """The global reports, not those of one country or region."""
        return self.filter(country__isnull=True, region="")

    def of_scope(self, *, country=None, region=""):
        """The reports of exactly this scope: a country (code or row), a
        region code, or neither for the global report."""
        if country is not None:
            return self.filter(country=country)
        if region:
            return self.filter(region=region)
        return self.worldwide()


class AccountabilityReport(models.Model):
    """One compiled version of the annual accountability report for a cycle:
    a job row that a Celery worker claims, fills with figures and files, and
    marks succeeded or failed. Compiling again makes a new version.

    A report covers the whole world, or one country (`country`), or one UN
    Women region (`region`): the same compile over the approved commitments
    naming that country (or any of the region's countries). Versions are
    numbered per cycle and scope."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    # The downloadable formats: URL name part -> file field.
    FILE_FIELDS = {"xlsx": "xlsx_file", "zip": "csv_file", "pdf": "pdf_file", "html": "html_file"}

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="accountability_reports")
    country = models.ForeignKey(
        "coalitions.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_reports",
        help_text=_("Set for a country's report; empty for the global report."),
    )
    region = models.CharField(
        max_length=24,
        choices=Region.choices,
        blank=True,
        default="",
        help_text=_("Set for a region's report; empty for the global report."),
    )
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    snapshot_at = models.DateTimeField(null=True, blank=True, help_text=_("The moment the figures describe."))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    csv_file = models.FileField(upload_to="reports/", blank=True, help_text=_("A ZIP of CSV files, one per table."))
    xlsx_file = models.FileField(upload_to="reports/", blank=True)
    html_file = models.FileField(upload_to="reports/", blank=True)
    pdf_file = models.FileField(upload_to="reports/", blank=True)
    pdf_unavailable_reason = models.CharField(max_length=255, blank=True)
    # The PDF in the other languages, laid out by the same compile: language
    # code -> storage name (pdf_file is the one in settings.LANGUAGE_CODE).
    translated_pdfs = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(blank=True)
    # The claim of the worker compiling this version: a token per attempt and
    # the time it last showed signs of life. A worker may only write to the row
    # while its token is the current one; another worker takes the row over
    # only once the heartbeat has gone stale (its worker died).
    claim_token = models.CharField(max_length=36, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text=_("How many times a worker has claimed this compile.")
    )

    objects = AccountabilityReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("accountability report")
        verbose_name_plural = _("accountability reports")
        ordering = ["-cycle__year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "version"],
                condition=Q(country__isnull=True, region=""),
                name="report_version_unique_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["cycle", "country", "version"],
                condition=Q(country__isnull=False),
                name="country_report_version_unique",
            ),
            models.UniqueConstraint(
                fields=["cycle", "region", "version"],
                condition=~Q(region=""),
                name="region_report_version_unique",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(region=""), name="report_scope_country_or_region"
            ),
        ]
        indexes = [models.Index(fields=["country", "cycle", "status"], name="report_country_cycle_status")]

    def __str__(self):
        if self.is_scoped:
            return _("Accountability report %(year)s of %(scope)s, version %(version)s") % {
                "year": self.cycle.year,
                "scope": self.scope_label,
                "version": self.version,
            }
        return _("Accountability report %(year)s, version %(version)s") % {
            "year": self.cycle.year,
            "version": self.version,
        }

    def get_absolute_url(self):
        from django.urls import reverse

        if self.is_scoped:
            return self.download_url("html")
        return reverse("reporting:report-detail", kwargs={"year": self.cycle.year}) + f"?version={self.version}"

    @property
    def is_scoped(self):
        return self.country_id is not None or bool(self.region)

    @property
    def scope_codes(self):
        """The country codes the report covers, or None for the whole world."""
        if self.country_id is not None:
            return [self.country_id]
        if self.region:
            return list(Country.objects.filter(region=self.region).order_by("code").values_list("code", flat=True))
        return None

    @property
    def scope_label(self):
        if self.country_id is not None:
            return self.country.name
        if self.region:
            return str(Region(self.region).label)
        return ""

    @property
    def scope_slug(self):
        """The scope in file names and URLs: `KE`, `africa`, or empty."""
        return self.country_id or self.region.replace("_", "-")

    def download_url(self, file_format):
        """Where to download one of the files (`xlsx`, `zip`, `pdf`, `html`)."""
        from django.urls import reverse

        kwargs = {"year": self.cycle.year, "version": self.version, "file_format": file_format}
        if self.country_id is not None:
            return reverse("country-report-download", kwargs={"code": self.country_id, **kwargs})
        if self.region:
            return reverse("region-report-download", kwargs={"slug": self.scope_slug, **kwargs})
        return reverse("reporting:report-download", kwargs=kwargs)

    @property
    def pdf_language_codes(self):
        """The languages the PDF exists in, the compile's own first."""
        if not self.pdf_file:
            return []
        return [settings.LANGUAGE_CODE, *sorted(self.translated_pdfs or {})]

    @property
    def is_in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ReminderSent(models.Model):
    """That the reminder N days before a cycle closes went out for one
    commitment, so that a scheduler firing twice never sends it twice."""

    commitment = models.ForeignKey("commitments.Commitment", on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "cycle", "days_before"], name="reminder_once_per_step")
        ]

    def __str__(self):
        return f"{self.days_before}-day reminder for {self.commitment.reference} in {self.cycle.year}"


class ProgressReportAwaitingReview(ProgressReport):
    """A submitted progress report waiting for a secretariat decision. It
    belongs to the commitments app (its admin URL and permissions say
    `commitments`) so that both review queues sit together in the admin; it is
    declared here because the commitments app must not import reporting."""

    class Meta:
        proxy = True
        app_label = "commitments"
        verbose_name = _("progress report awaiting review")
        verbose_name_plural = _("progress reports awaiting review")


# Models kept in modules of their own (the 600-line cap), imported here so
# that Django finds them with the app's: results against indicators and
# deliverable updates, focal points, the stored figures of the public pages
# (reporting.summaries) and the stored reporting statuses
# (reporting.stored_statuses).
from .focal_models import FocalPoint, FocalReminder, ProgressImportJob  # noqa: E402, F401
from .result_models import CATEGORIES, DeliverableUpdate, Dimension, IndicatorResult, ResultBreakdown  # noqa: E402, F401
from .status_models import StoredReportingStatus  # noqa: E402, F401
from .summary_models import FiguresSummary  # noqa: E402, F401
