from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Concat, ExtractYear, Greatest, Length, LPad
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalitions.models import ActionArea, ActionCoalition, Country, Subdivision, Theme

from . import texts
from .years import FIRST_YEAR, LAST_YEAR  # noqa: F401 (re-exported for forms)


class Constituency(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    FEMINIST_ORG = "feminist_org", _("Women's rights or feminist organisation")
    YOUTH_LED = "youth_led", _("Youth-led organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    UN_ENTITY = "un_entity", _("UN entity")
    INTERNATIONAL_ORG = "international_org", _("International organisation")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class CommitmentMaker(models.Model):
    """An organisation or a Member State that makes commitments. Users act for
    it through a Membership."""

    name = models.CharField(_("name"), max_length=255, db_index=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    constituency = models.CharField(_("constituency"), max_length=24, choices=Constituency.choices, db_index=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="makers",
        help_text=_("Where the organisation is based."),
    )
    website = models.URLField(_("website"), blank=True)
    # Set by the secretariat only, through services.maker_verify: until then
    # none of the maker's commitments can be approved, and a Member State or
    # UN entity cannot even submit one (anyone can type "Government of Kenya").
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by the secretariat to be who it says it is.")
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("commitment maker")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def checked_before_submitting(self):
        """Whether the secretariat must verify this maker before it submits
        anything: a government or a UN entity speaks for others, so who
        registers one is checked first."""
        return self.constituency in CHECKED_BEFORE_SUBMITTING

    @property
    def waits_for_check(self):
        """An unverified Member State or UN entity: it writes drafts, and
        submits them once the secretariat has verified it."""
        return not self.verified and self.checked_before_submitting


# The constituencies the secretariat checks before their first submission.
CHECKED_BEFORE_SUBMITTING = frozenset({Constituency.MEMBER_STATE, Constituency.UN_ENTITY})


class Membership(models.Model):
    """A user who acts for a commitment maker. Owners manage members; editors
    write commitments and reports."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    maker = models.ForeignKey(CommitmentMaker, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["maker__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "maker"], name="membership_once_per_user_and_maker")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.maker}"


class JoinRequest(models.Model):
    """A user's request to join an existing commitment maker, which one of its
    owners accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    maker = models.ForeignKey(CommitmentMaker, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "maker"], condition=Q(status="pending"), name="one_pending_join_request_per_maker"
            )
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.maker} ({self.status})"


class CommitmentType(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROGRAMME = "programme", _("Programme")
    FINANCIAL = "financial", _("Financial")
    ADVOCACY = "advocacy", _("Advocacy")


# The type flags behind Commitment.commitment_types, in display order. Flags
# rather than a join table let the database itself refuse a financial
# commitment without an amount.
TYPE_FLAGS = {
    CommitmentType.POLICY: "is_policy",
    CommitmentType.PROGRAMME: "is_programme",
    CommitmentType.FINANCIAL: "is_financial",
    CommitmentType.ADVOCACY: "is_advocacy",
}


class Scope(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class CommitmentQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: approved commitments and withdrawn ones (marked
        so), never drafts or amendments in progress."""
        return self.filter(status__in=[Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN])

    def assign_missing_references(self):
        """Give every commitment in this queryset without a reference its
        public one, GE-<year created>-<id>, in one UPDATE. The id makes it
        unique; the year makes it readable."""
        number = Cast("id", models.CharField())
        return self.filter(reference__isnull=True).update(
            reference=Concat(
                models.Value("GE-"),
                Cast(ExtractYear("created_at"), models.CharField()),
                models.Value("-"),
                # LPAD cuts a longer string down to the length: pad to at
                # least five digits, never fewer than the id has.
                LPad(number, Greatest(Length(number), models.Value(5)), models.Value("0")),
                output_field=models.CharField(),
            )
        )


# Kept at module level so that commitments.history can record a version by
# hand once the links are set, instead of one version per link change.
COMMITMENT_HISTORY = HistoricalRecords(
    # Computed figures change with the data they are computed from, which has
    # its own history; a version per recomputation would bury the real ones.
    excluded_fields=["updated_at", "smart_score", "progress"],
    m2m_fields=["coalitions", "action_areas", "themes", "countries"],
)


class Commitment(models.Model):
    """A pledge by a commitment maker to one or more Action Coalitions: what it
    will do, where, when and with how much money. Its status follows the review
    workflow in DESIGN.md; only approved (and withdrawn) commitments are public.

    An amendment of an approved commitment is a second row whose `amends`
    points at the original: it goes through review on its own while the public
    keeps seeing the original, and approving it copies it onto the original."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference"), max_length=24, unique=True, null=True, blank=True, editable=False)
    maker = models.ForeignKey(
        CommitmentMaker, verbose_name=_("commitment maker"), on_delete=models.PROTECT, related_name="commitments"
    )
    amends = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="amendment",
        editable=False,
        help_text=_("The approved commitment this draft amends."),
    )
    title = models.CharField(_("title"), max_length=255)
    # A draft may be saved with its title alone; what else a commitment needs
    # is checked when it leaves the maker's hands (`missing_for_submission`).
    description = models.TextField(_("description"), blank=True)
    # The maker's own words in the other languages (commitments/texts.py).
    language = models.CharField(
        _("language of the text"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    translations = models.JSONField(
        _("title and description in other languages"),
        default=dict,
        blank=True,
        help_text=_("Language code → {title, description}, written by the maker."),
    )
    coalitions = models.ManyToManyField(
        ActionCoalition, verbose_name=_("Action Coalitions"), related_name="commitments"
    )
    action_areas = models.ManyToManyField(
        ActionArea, verbose_name=_("action areas"), related_name="commitments", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("cross-cutting themes"), related_name="commitments", blank=True
    )
    is_policy = models.BooleanField(_("policy"), default=False)
    is_programme = models.BooleanField(_("programme"), default=False)
    is_financial = models.BooleanField(_("financial"), default=False)
    is_advocacy = models.BooleanField(_("advocacy"), default=False)
    financial_amount_usd = models.DecimalField(
        _("amount committed (USD)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        db_index=True,
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, blank=True, db_index=True)
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), related_name="commitments", blank=True)
    places = models.ManyToManyField(
        Subdivision,
        verbose_name=_("sub-national places"),
        related_name="commitments",
        blank=True,
        help_text=_("Where inside its countries a national or local commitment works."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, db_index=True, validators=[MinValueValidator(FIRST_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True, db_index=True)
    target_groups = models.TextField(
        _("target groups"), blank=True, help_text=_("Who the commitment is for, e.g. adolescent girls, rural women.")
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("Organisations the maker works with on it."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # Kept current by the services from the commitment's own data
    # (commitments.smart) and from its results (reporting), so the catalogue
    # can filter and sort by them with an index.
    smart_score = models.PositiveSmallIntegerField(
        _("SMART score"), default=0, editable=False, validators=[MaxValueValidator(5)]
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, editable=False, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True, db_index=True)

    objects = CommitmentQuerySet.as_manager()
    # Each version keeps its links too (coalitions, action areas, themes,
    # countries), so the history can say which were added or removed. The
    # services record one version per change, links included
    # (commitments.history.one_version).
    history = COMMITMENT_HISTORY

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("review_commitment", "Can approve or return submitted commitments")]
        indexes = [
            # Keyset pagination and incremental sync walk these.
            models.Index(fields=["status", "updated_at", "id"], name="commitment_status_updated"),
            models.Index(fields=["status", "published_at", "id"], name="commitment_status_published"),
            # The public catalogue lists approved and withdrawn commitments
            # together, newest first; an IN over two statuses cannot walk the
            # index above in order, this partial one can.
            models.Index(
                fields=["-published_at", "-id"],
                name="commitment_public_newest",
                condition=Q(status__in=["approved", "withdrawn"]),
            ),
            models.Index(fields=["is_financial", "status"], name="commitment_financial_status"),
            models.Index(fields=["smart_score", "status"], name="commitment_smart_status"),
            models.Index(fields=["progress", "id"], name="commitment_progress"),
            # The catalogue and the API sorted by title (`ordering=title`,
            # ties by id) walk this for their first page instead of sorting
            # every public commitment.
            models.Index(
                fields=["title", "id"],
                name="commitment_public_title",
                condition=Q(status__in=["approved", "withdrawn"]),
            ),
            # ordering=-progress puts commitments with nothing measurable
            # last, which a backward scan of the one above cannot do.
            models.Index(F("progress").desc(nulls_last=True), F("id").desc(), name="commitment_progress_desc"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="commitment_ends_after_start"),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR) & Q(end_year__lte=LAST_YEAR), name="commitment_years_plausible"
            ),
            models.CheckConstraint(
                condition=Q(financial_amount_usd__isnull=True) | Q(financial_amount_usd__gte=0),
                name="commitment_amount_not_negative",
            ),
            # Drafts (and returned ones being reworked) may be incomplete; a
            # commitment out of its maker's hands never is.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "returned"])
                | Q(is_financial=False)
                | Q(financial_amount_usd__isnull=False),
                name="financial_commitment_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "returned"])
                | Q(is_policy=True)
                | Q(is_programme=True)
                | Q(is_financial=True)
                | Q(is_advocacy=True),
                name="commitment_has_a_type",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "returned"])
                | (Q(start_year__isnull=False) & Q(end_year__isnull=False) & ~Q(scope="")),
                name="commitment_complete_out_of_draft",
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True) | ~Q(status__in=["approved", "withdrawn"]),
                name="amendment_never_public",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('new')} — {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.reference is None and self.amends_id is None:
            Commitment.objects.filter(pk=self.pk).assign_missing_references()
            self.reference = Commitment.objects.values_list("reference", flat=True).get(pk=self.pk)

    def get_absolute_url(self):
        from django.urls import reverse

        target = self.amends if self.amends_id else self
        return reverse("commitment-detail", kwargs={"reference": target.reference})

    def missing_for_submission(self):
        """What a commitment still lacks before it can be reviewed, by field:
        a draft may be saved without these, a submission may not. (The
        many-to-many rules are the services' `validate_related`.)"""
        missing = {}
        if not (self.description or "").strip():
            missing["description"] = _("Describe the commitment: what will be done, and how.")
        if not self.commitment_types:
            missing["is_policy"] = _("Choose at least one type of commitment.")
        if self.is_financial and self.financial_amount_usd is None:
            missing["financial_amount_usd"] = _("A financial commitment needs the amount committed, in US dollars.")
        if not self.scope:
            missing["scope"] = _("Choose the scope: global, regional, national or local.")
        if self.start_year is None:
            missing["start_year"] = _("Give the year the commitment starts.")
        if self.end_year is None:
            missing["end_year"] = _("Give the year the commitment ends.")
        return missing

    def clean(self):
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year cannot be before the start year.")
        if self.end_year and self.end_year > LAST_YEAR:
            errors["end_year"] = _("The end year must be %(year)s or earlier.") % {"year": LAST_YEAR}
        if not self.is_editable:
            for name, message in self.missing_for_submission().items():
                errors.setdefault(name, message)
        if self.financial_amount_usd is not None and self.financial_amount_usd < 0:
            errors["financial_amount_usd"] = _("The amount cannot be negative.")
        errors.update(texts.translation_errors(self))
        if self.amends_id and self.status in (self.Status.APPROVED, self.Status.WITHDRAWN):
            errors["status"] = _("An amendment is never public itself: approving it updates the original.")
        if errors:
            raise ValidationError(errors)

    @property
    def commitment_types(self):
        return [code for code, flag in TYPE_FLAGS.items() if getattr(self, flag)]

    @commitment_types.setter
    def commitment_types(self, codes):
        unknown = set(codes) - set(TYPE_FLAGS)
        if unknown:
            raise ValueError(f"unknown commitment types: {sorted(unknown)}")
        for code, flag in TYPE_FLAGS.items():
            setattr(self, flag, code in codes)

    def get_commitment_types_display(self):
        return [CommitmentType(code).label for code in self.commitment_types]

    @property
    def is_amendment(self):
        return self.amends_id is not None

    @property
    def is_public(self):
        return self.status in (self.Status.APPROVED, self.Status.WITHDRAWN)

    @property
    def is_unsubmitted_draft(self):
        """A draft the secretariat never saw: its makers may delete it."""
        return self.status == self.Status.DRAFT and self.submitted_at is None and self.amends_id is None

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReviewEvent(models.Model):
    """One step in the audit trail of a commitment or of one of its progress
    reports: a transition (from and to status) or a comment, by whom and when.
    Events of amendments and progress reports hang on the public commitment so
    that its whole history reads in one place."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with comments")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        AMENDMENT_STARTED = "amendment_started", _("Amendment started")
        AMENDMENT_APPROVED = "amendment_approved", _("Amendment approved")
        AMENDMENT_DISCARDED = "amendment_discarded", _("Amendment discarded")
        REPORT_SUBMITTED = "report_submitted", _("Progress report submitted")
        REPORT_ACCEPTED = "report_accepted", _("Progress report accepted")
        REPORT_RETURNED = "report_returned", _("Progress report returned")
        REPORT_ENTERED = "report_entered", _("Progress report entered by a focal point")
        COMMENTED = "commented", _("Commented")
        MERGED = "merged", _("Maker merged")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="review_events")
    progress_report = models.ForeignKey(
        "reporting.ProgressReport",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_events",
        verbose_name=_("progress report"),
    )
    is_amendment = models.BooleanField(default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    from_status = models.CharField(_("from status"), max_length=10, blank=True)
    to_status = models.CharField(_("to status"), max_length=10, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["commitment", "created_at"], name="review_event_timeline")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor or 'system'} on {self.created_at:%Y-%m-%d}"


class MakerMerge(models.Model):
    """The record of folding a duplicate commitment maker into the one kept:
    what was moved and by whom. The duplicate itself is deleted; this row is
    also its forwarding address, so that its old page and API URL redirect
    to the kept maker (a later merge of the kept maker moves these rows on)."""

    kept = models.ForeignKey(CommitmentMaker, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=255)
    merged_id = models.BigIntegerField(db_index=True)
    moved = models.JSONField(default=dict, help_text=_("How many commitments, members and leaderships moved."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("maker merge")
        verbose_name_plural = _("maker merges")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.merged_name} merged into {self.kept}"

    @classmethod
    def survivor_id(cls, merged_id):
        """The id of the maker that `merged_id` was merged into, or None."""
        return (
            cls.objects.filter(merged_id=merged_id)
            .order_by("-created_at", "-id")
            .values_list("kept_id", flat=True)
            .first()
        )


# Review queues ---------------------------------------------------------------
# Proxies so that the admin lists what waits for a decision as changelists of
# their own, with their own filters and ordering, beside the full tables.


class CommitmentAwaitingReview(Commitment):
    """A submitted commitment (or amendment) waiting for a secretariat
    decision, as listed in the review queue."""

    class Meta:
        proxy = True
        verbose_name = _("commitment awaiting review")
        verbose_name_plural = _("commitments awaiting review")


# The admin's import and export jobs live in job_models.py; imported here so
# that they stay part of this app (`commitments.Export`, `commitments.ImportJob`).
# The stored codes of each commitment's links live in code_models.py.
from .code_models import StoredLinkCodes  # noqa: E402, F401
from .job_models import Export, ImportJob, Job, JobStatus  # noqa: E402, F401

# Deliverables and indicators live in measure_models.py.
from .measure_models import Deliverable, DeliverableStatus, Indicator  # noqa: E402, F401
