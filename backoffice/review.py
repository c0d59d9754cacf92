"""What the two review queues of the admin share: the decision actions and
views (approve, or return with a comment), the filter by commitment type and
the field-by-field comparison of an amendment with the approved version.

Every decision goes through the services; a refusal (wrong state, no
permission, missing comment) becomes an admin message and changes nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments.models import TYPE_FLAGS, CommitmentType
from commitments.services import EDITABLE_FIELDS, M2M_FIELDS, ServiceError

# How many skipped items a bulk decision names in its message; the rest are
# counted, so that the message stays readable after a 500-item action.
SKIPPED_NAMED = 20


class ReturnCommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What should the maker change?"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=gettext_lazy("Sent to the maker's members by email and kept in the review timeline."),
    )


def service_error_text(error):
    if isinstance(error, ServiceError):
        return error.message
    return " ".join(error.messages)


class CommitmentTypeFilter(admin.SimpleListFilter):
    """Filter by commitment type, stored as one flag per type."""

    title = gettext_lazy("type")
    parameter_name = "type"
    prefix = ""

    def lookups(self, request, model_admin):
        return CommitmentType.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value in TYPE_FLAGS:
            return queryset.filter(**{self.prefix + TYPE_FLAGS[value]: True})
        return queryset


class ReportCommitmentTypeFilter(CommitmentTypeFilter):
    prefix = "commitment__"


class AmendmentFilter(admin.SimpleListFilter):
    title = gettext_lazy("kind")
    parameter_name = "amendment"

    def lookups(self, request, model_admin):
        return [("yes", _("Amendments")), ("no", _("New commitments"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(amends__isnull=False)
        if self.value() == "no":
            return queryset.filter(amends__isnull=True)
        return queryset


class ReviewDecisionsMixin:
    """Approve / return decisions for a ModelAdmin, from the change page (a
    small form posting to `<id>/decide/`) and as bulk actions on a list.

    Subclasses set `review_permission` and implement `approve(actor, obj)` and
    `send_back(actor, obj, comment)` by calling the services."""

    review_permission = None
    approve_label = gettext_lazy("Approve")
    # What the confirmation page says approving does; subclasses say it of
    # their own items.
    approve_consequence = gettext_lazy(
        "This publishes it on the public site, where anyone can read it, and tells its maker."
    )

    def approve_blocked(self, obj):
        """Whether approving `obj` would be refused whatever the reviewer
        confirms (the commitments' admin: its maker is not verified)."""
        return False

    def approve(self, *, actor, obj, comment=""):
        raise NotImplementedError

    def approve_options(self, request):
        """Keyword arguments beyond the comment that the change page's
        decision form gives `approve` (and the confirmation page carries)."""
        return {}

    def bulk_approve_context(self, request):
        """What the bulk confirmation page adds to its form (the reports'
        admin: the assessment fields), read back by `approve_options`."""
        return {}

    def send_back(self, *, actor, obj, comment):
        raise NotImplementedError

    def decision_queryset(self, request):
        """Where decisions look up their objects: the concrete model, whatever
        the list they come from."""
        return self.model._default_manager.all()

    def has_review_permission(self, request):
        return request.user.is_active and request.user.is_staff and request.user.has_perm(self.review_permission)

    # Bulk actions -------------------------------------------------------------

    @admin.action(description=gettext_lazy("Approve selected submissions"), permissions=["review"])
    def approve_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return self.confirm_approve_response(
                request,
                objects=list(queryset[:200]),
                count=queryset.count(),
                bulk={
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                    "select_across": request.POST.get("select_across", "0"),
                    "action": "approve_selected",
                },
                back_url=reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist", current_app=self.admin_site.name
                ),
                extra=self.bulk_approve_context(request),
            )
        options = self.approve_options(request)
        self._decide_many(request, queryset, lambda obj: self.approve(actor=request.user, obj=obj, **options))
        return None

    def confirm_approve_response(
        self, request, *, objects, count, back_url, bulk=None, comment="", options=None, extra=None
    ):
        """The page that asks "Are you sure?" before an approval publishes
        anything: a plain form that posts the same decision again with
        `confirm=yes`, so it works without JavaScript."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Are you sure?"),
            "opts": self.model._meta,
            "objects": objects,
            "count": count,
            "approve_label": self.approve_label,
            "approve_consequence": self.approve_consequence,
            "comment": comment,
            "options": sorted((options or {}).items()),
            "bulk": bulk,
            "back_url": back_url,
            "media": self.media,
            **(extra or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/review/confirm_approve.html", context)

    @admin.action(description=gettext_lazy("Return selected submissions with a comment…"), permissions=["review"])
    def return_selected(self, request, queryset):
        if request.POST.get("post") == "yes":
            form = ReturnCommentForm(request.POST)
            if form.is_valid():
                comment = form.cleaned_data["comment"]
                self._decide_many(
                    request, queryset, lambda obj: self.send_back(actor=request.user, obj=obj, comment=comment)
                )
                return None
        else:
            form = ReturnCommentForm()
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return with a comment"),
            "opts": opts,
            "form": form,
            "objects": list(queryset[:200]),
            "count": queryset.count(),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action": "return_selected",
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/review/return_comment.html", context)

    def _decide_many(self, request, queryset, decide):
        """Decide on each selected item through the service, each in its own
        transaction, so that one refusal does not undo the others."""
        decided = 0
        skipped = []
        for obj in queryset.order_by("pk").iterator(chunk_size=200):
            try:
                decide(obj)
            except (ServiceError, ValidationError) as error:
                skipped.append(f"{obj}: {service_error_text(error)}")
            else:
                decided += 1
        if decided:
            self.message_user(
                request,
                ngettext("%(count)d submission decided.", "%(count)d submissions decided.", decided)
                % {"count": decided},
                messages.SUCCESS,
            )
        if skipped:
            named = "; ".join(skipped[:SKIPPED_NAMED])
            more = len(skipped) - SKIPPED_NAMED
            if more > 0:
                named += " " + _("… and %(count)d more.") % {"count": more}
            self.message_user(
                request,
                ngettext("%(count)d skipped: %(reasons)s", "%(count)d skipped: %(reasons)s", len(skipped))
                % {"count": len(skipped), "reasons": named},
                messages.WARNING,
            )

    # The change page's decision form -------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="{}_{}_decide".format(*info),
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_review_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.decision_queryset(request), pk=object_id)
        decision = request.POST.get("decision")
        comment = request.POST.get("comment", "")
        confirmable = obj.status == "submitted" and not self.approve_blocked(obj)
        if decision == "approve" and request.POST.get("confirm") != "yes" and confirmable:
            # Anything the service below will refuse (an item no longer
            # submitted, a maker not yet verified) has nothing to confirm:
            # the reviewer is told why at once.
            return self.confirm_approve_response(
                request,
                objects=[obj],
                count=1,
                back_url=self._change_url(obj),
                comment=comment,
                options=self.approve_options(request),
            )
        try:
            if decision == "approve":
                self.approve(actor=request.user, obj=obj, comment=comment, **self.approve_options(request))
                message = _("%(object)s was approved.")
            elif decision == "return":
                self.send_back(actor=request.user, obj=obj, comment=comment)
                message = _("%(object)s was returned to its maker.")
            else:
                self.message_user(request, _("Choose approve or return."), messages.ERROR)
                return HttpResponseRedirect(self._change_url(obj))
        except (ServiceError, ValidationError) as error:
            self.message_user(request, service_error_text(error), messages.ERROR)
            return HttpResponseRedirect(self._change_url(obj))
        self.message_user(request, message % {"object": obj}, messages.SUCCESS)
        return HttpResponseRedirect(self.next_in_queue_url(request))

    def _change_url(self, obj):
        opts = obj._meta.concrete_model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk], current_app=self.admin_site.name
        )

    def next_in_queue_url(self, request):
        """After a decision, back to the queue it came from: the reviewer works
        through it oldest first."""
        return reverse(f"admin:{self.queue_url_name}", current_app=self.admin_site.name)

    def decision_context(self, request, obj):
        """What the change page's review panel shows."""
        if obj is None:
            return {}
        return {
            "review_panel": True,
            "can_decide": obj.status == "submitted" and self.has_review_permission(request),
            "decide_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_decide",
                args=[obj.pk],
                current_app=self.admin_site.name,
            ),
            "return_form": ReturnCommentForm(),
            "approve_label": self.approve_label,
        }


class NoRevertHistoryMixin:
    """django-simple-history can restore an old version from its history page,
    status included; that would be a transition outside the services. History
    here is for reading."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class QueueAdminMixin:
    """A review queue: a read-only list over a proxy model, filtered to what
    waits for a decision, oldest submitted first. Its rows open the item's
    own admin page, where decisions are taken and history is kept."""

    show_full_result_count = False
    date_hierarchy = None

    @admin.display(description=gettext_lazy("waiting"), ordering="submitted_at")
    def waiting(self, obj):
        """How long the item has waited for a decision, in whole days, with
        the moment it was submitted for the curious (and for sorting, which
        is by that moment: oldest first is longest waiting)."""
        if obj.submitted_at is None:
            return "—"
        days = (timezone.now() - obj.submitted_at).days
        if days < 1:
            text = _("waiting less than a day")
        else:
            text = ngettext("waiting %(days)d day", "waiting %(days)d days", days) % {"days": days}
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.submitted_at.isoformat(),
            date_format(timezone.localtime(obj.submitted_at), "DATETIME_FORMAT"),
            text,
        )

    def has_view_permission(self, request, obj=None):
        concrete = self.model._meta.concrete_model._meta
        user = request.user
        return user.has_perm(f"{concrete.app_label}.view_{concrete.model_name}") or self.has_review_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _to_concrete(self, view, object_id):
        concrete = self.model._meta.concrete_model._meta
        return HttpResponseRedirect(
            reverse(
                f"admin:{concrete.app_label}_{concrete.model_name}_{view}",
                args=[object_id],
                current_app=self.admin_site.name,
            )
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._to_concrete("change", object_id)

    def history_view(self, request, object_id, extra_context=None):
        # History is kept on the item's own model; the proxy has none.
        return self._to_concrete("history", object_id)


def _display(obj, name):
    if name == "commitment_types":
        return ", ".join(str(label) for label in obj.get_commitment_types_display())
    field = obj._meta.get_field(name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    return "" if value is None else str(value)


def amendment_changes(amendment):
    """What an amendment changes against the approved version it amends, field
    by field, many-to-many fields included: a list of (label, before, after)
    for the fields that differ. Two queries per many-to-many field."""
    original = amendment.amends
    scalar = [name for name in EDITABLE_FIELDS if name not in TYPE_FLAGS.values()]
    names = ["commitment_types", *scalar]
    changes = []
    for name in names:
        before, after = _display(original, name), _display(amendment, name)
        if before != after:
            label = _("type") if name == "commitment_types" else original._meta.get_field(name).verbose_name
            changes.append((str(label), before, after))
    for name in M2M_FIELDS:
        before = sorted(str(item) for item in getattr(original, name).all())
        after = sorted(str(item) for item in getattr(amendment, name).all())
        if before != after:
            changes.append((str(original._meta.get_field(name).verbose_name), "; ".join(before), "; ".join(after)))
    return changes
