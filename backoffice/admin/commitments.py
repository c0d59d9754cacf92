"""The admin of commitments: the list, the review queue and the audit trail."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from backoffice.admin.measures import DeliverableInline, IndicatorInline
from backoffice.exports import ExportAdminMixin
from backoffice.review import (
    AmendmentFilter,
    CommitmentTypeFilter,
    NoRevertHistoryMixin,
    QueueAdminMixin,
    ReviewDecisionsMixin,
    amendment_changes,
)
from commitments import services
from commitments.duplicates import likely_duplicates
from commitments.filters import empty_values_last
from commitments.history import commitment_versions, record_version
from commitments.models import (
    Commitment,
    CommitmentAwaitingReview,
    CommitmentMaker,
    ReviewEvent,
)
from commitments.signals import announce_change


class ReviewEventInline(admin.TabularInline):
    """The commitment's audit trail, oldest first, read-only: events are
    written by the services, never by hand."""

    model = ReviewEvent
    fk_name = "commitment"
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "progress_report", "comment"]
    readonly_fields = fields
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("actor", "progress_report__cycle", "progress_report__commitment")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EmptyValuesLastChangeList(ChangeList):
    """Sorting by a column that may be empty (the amount) lists the rows
    without a value last, whichever way it sorts, as the catalogue and the
    API do."""

    def get_ordering(self, request, queryset):
        return [empty_values_last(self.model, term) for term in super().get_ordering(request, queryset)]


class CommitmentAdminForm(forms.ModelForm):
    """The services' rule on places, for the admin's direct edits: a place
    must lie in one of the commitment's countries."""

    def clean(self):
        cleaned = super().clean()
        if "places" in cleaned and "countries" in cleaned:
            related = {"places": cleaned["places"], "countries": cleaned["countries"]}
            stray = services.places_outside(self.instance, related)
            if stray:
                self.add_error(
                    "places",
                    _(
                        "These places are not in the commitment's countries: %(places)s. Add their country, or untick them."
                    )
                    % {"places": "; ".join(stray)},
                )
        return cleaned


@admin.register(Commitment)
class CommitmentAdmin(ReviewDecisionsMixin, ExportAdminMixin, NoRevertHistoryMixin, SimpleHistoryAdmin):
    def get_changelist(self, request, **kwargs):
        return EmptyValuesLastChangeList

    list_display = [
        "reference",
        "title",
        "maker",
        "coalition_names",
        "status",
        "scope",
        "financial_amount_usd",
        "start_year",
        "end_year",
        "updated_at",
    ]
    list_filter = ["status", "coalitions", "scope", "is_financial", "maker__constituency", "maker__country__region"]
    list_select_related = ["maker"]
    search_fields = ["reference", "title", "maker__name", "maker__acronym"]
    autocomplete_fields = ["maker", "coalitions", "action_areas", "themes", "countries", "places"]
    form = CommitmentAdminForm
    readonly_fields = ["reference", "status", "amends", "created_at", "submitted_at", "published_at", "updated_at"]
    date_hierarchy = "updated_at"
    inlines = [ReviewEventInline, DeliverableInline, IndicatorInline]
    fieldsets = [
        (None, {"fields": ["reference", "status", "amends", "maker", "title", "description"]}),
        (_("Coalitions and themes"), {"fields": ["coalitions", "action_areas", "themes"]}),
        (
            _("Type and money"),
            {"fields": ["is_policy", "is_programme", "is_financial", "is_advocacy", "financial_amount_usd"]},
        ),
        (_("Where and when"), {"fields": ["scope", "countries", "places", "start_year", "end_year"]}),
        (_("People"), {"fields": ["target_groups", "partners"]}),
        (_("Workflow"), {"fields": ["created_at", "submitted_at", "published_at", "updated_at"]}),
    ]

    actions = ["approve_selected", "return_selected"]
    review_permission = "commitments.review_commitment"
    queue_url_name = "commitments_commitmentawaitingreview_changelist"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("coalitions")

    @admin.display(description=_("coalitions"))
    def coalition_names(self, obj):
        return ", ".join(coalition.short_name for coalition in obj.coalitions.all())

    def approve(self, *, actor, obj, comment=""):
        return services.commitment_approve(actor=actor, commitment=obj, comment=comment)

    def send_back(self, *, actor, obj, comment):
        return services.commitment_return(actor=actor, commitment=obj, comment=comment)

    def maker_verification_context(self, request, obj):
        """Who the maker is, for the reviewer deciding: verified or not, the
        makers with a similar name, and why Approve will refuse until the
        maker is verified."""
        maker = CommitmentMaker.objects.select_related("verified_by").get(pk=obj.maker_id)

        def change_url(other):
            return reverse(
                "admin:commitments_commitmentmaker_change", args=[other.pk], current_app=self.admin_site.name
            )

        context = {
            "verification": {
                "maker": maker,
                "similar": [(other, change_url(other)) for other in likely_duplicates(maker)],
                "show_no_similar": True,
                "can_verify": not maker.verified and services.can_verify_makers(request.user),
                "verify_url": reverse(
                    "admin:commitments_commitmentmaker_verify", args=[maker.pk], current_app=self.admin_site.name
                ),
                "next": request.get_full_path(),
            }
        }
        if obj.status == Commitment.Status.SUBMITTED and self.approve_blocked(obj):
            context["approve_blocked"] = gettext(
                "Approve is refused until %(maker)s is verified: verify the organisation above first."
            ) % {"maker": maker}
        return context

    def approve_blocked(self, obj):
        return not obj.maker.verified

    # History: one version per save here too, links included, and the
    # changes of each version in words, links by name (five queries for the
    # page, not two per link field and version as diff_against would run).

    def save_model(self, request, obj, form, change):
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        try:
            super().save_related(request, form, formsets, change)
        finally:
            form.instance.__dict__.pop("skip_history_when_saving", None)
        record_version(form.instance, actor=request.user, created=not change)
        # A direct edit (end year, say) may move its reporting status.
        announce_change(form.instance.pk)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        if not records:
            return
        versions = {version.history_id: version for version in commitment_versions(records[0].id)}
        for record in records:
            version = versions.get(record.history_id)
            if version is None or version.first:
                continue
            record.history_delta_changes = [
                {"field": capfirst(change.label), "old": change.before, "new": change.after}
                for change in version.fields
            ] + [
                {
                    "field": capfirst(change.label),
                    "old": ", ".join(change.before) or "—",
                    "new": ", ".join(change.after) or "—",
                }
                for change in version.links
            ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), **self.decision_context(request, obj)}
        if obj is not None:
            extra_context.update(self.maker_verification_context(request, obj))
        if obj is not None and obj.amends_id:
            # The amendment's own timeline hangs on the approved commitment.
            extra_context["amendment_changes"] = amendment_changes(obj)
            extra_context["amends"] = obj.amends
            extra_context["timeline"] = list(obj.amends.review_events.select_related("actor", "progress_report__cycle"))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(CommitmentAwaitingReview)
class CommitmentAwaitingReviewAdmin(QueueAdminMixin, CommitmentAdmin):
    """The review queue of commitments and amendments, oldest submitted first."""

    list_display = [
        "reference_or_amended",
        "title",
        "maker",
        "constituency_and_region",
        "coalition_names",
        "types",
        # A submission has no results yet: its SMART score is what to weigh
        # (progress is on the commitment list and the progress report queue).
        "smart",
        "waiting",
    ]
    list_display_links = ["reference_or_amended", "title"]
    list_filter = [
        "coalitions",
        "maker__constituency",
        "maker__country__region",
        CommitmentTypeFilter,
        "scope",
        AmendmentFilter,
    ]
    list_select_related = ["maker__country", "amends"]
    ordering = ["submitted_at", "id"]
    inlines = []

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Commitment.Status.SUBMITTED)

    @admin.display(description=_("SMART"), ordering="smart_score")
    def smart(self, obj):
        return obj.smart_score

    @admin.display(description=_("reference"), ordering="reference")
    def reference_or_amended(self, obj):
        if obj.amends_id:
            return _("amends %(reference)s") % {"reference": obj.amends.reference}
        return obj.reference

    @admin.display(description=_("constituency"), ordering="maker__constituency")
    def constituency(self, obj):
        return obj.maker.get_constituency_display()

    @admin.display(description=_("constituency"), ordering="maker__constituency")
    def constituency_and_region(self, obj):
        # One column for both, the region under it: the queue fits a laptop.
        return format_html(
            '{}<br><span class="quiet">{}</span>',
            obj.maker.get_constituency_display(),
            obj.maker.country.get_region_display(),
        )

    @admin.display(description=_("region"), ordering="maker__country__region")
    def region(self, obj):
        return obj.maker.country.get_region_display()

    @admin.display(description=_("type"))
    def types(self, obj):
        return ", ".join(str(label) for label in obj.get_commitment_types_display())


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by the services."""

    list_display = ["created_at", "commitment", "action", "from_status", "to_status", "actor", "is_amendment"]
    list_filter = ["action", "is_amendment"]
    list_select_related = ["commitment", "actor"]
    search_fields = ["commitment__reference", "commitment__title", "comment", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
