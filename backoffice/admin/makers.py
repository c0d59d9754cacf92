"""The admin of commitment makers, their members and join requests, merges,
and user accounts."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from backoffice.exports import ExportAdminMixin
from backoffice.review import (
    NoRevertHistoryMixin,
)
from commitments import services
from commitments.duplicates import likely_duplicates
from commitments.models import (
    Commitment,
    CommitmentMaker,
    JoinRequest,
    MakerMerge,
    Membership,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(CommitmentMaker)
class CommitmentMakerAdmin(ExportAdminMixin, NoRevertHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "constituency", "country", "region", "verified", "updated_at"]
    list_filter = ["constituency", "verified", "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "acronym", "country__name", "=country__code"]
    autocomplete_fields = ["country"]
    inlines = [MembershipInline]
    # Verification is the secretariat's decision, taken with the Verify
    # button or action (services.maker_verify), never by ticking a box.
    readonly_fields = ["verified", "verified_at", "verified_by", "created_at", "updated_at"]

    actions = ["merge_selected", "verify_selected"]

    @admin.display(description=_("region"), ordering="country__region")
    def region(self, obj):
        return obj.country.get_region_display()

    def has_merge_permission(self, request):
        return services.can_merge_makers(request.user)

    def has_verify_permission(self, request):
        return services.can_verify_makers(request.user)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name="{}_{}_verify".format(*info),
            ),
            *super().get_urls(),
        ]

    def verify_view(self, request, object_id):
        """The Verify button of the maker's page (and of a commitment's review
        panel, which sends `next` to come back to it)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_verify_permission(request):
            raise PermissionDenied
        maker = get_object_or_404(CommitmentMaker, pk=object_id)
        try:
            services.maker_verify(actor=request.user, maker=maker)
        except services.ServiceError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(maker)s is verified: its commitments can now be approved.") % {"maker": maker},
                messages.SUCCESS,
            )
        target = request.POST.get("next")
        if not (target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())):
            target = reverse(
                "admin:commitments_commitmentmaker_change", args=[maker.pk], current_app=self.admin_site.name
            )
        return HttpResponseRedirect(target)

    @admin.action(description=_("Verify selected makers"), permissions=["verify"])
    def verify_selected(self, request, queryset):
        verified, skipped = [], []
        for maker in queryset.order_by("pk"):
            try:
                services.maker_verify(actor=request.user, maker=maker)
            except services.ServiceError as error:
                skipped.append(error.message)
            else:
                verified.append(maker.name)
        if verified:
            self.message_user(request, _("Verified: %(names)s.") % {"names": ", ".join(verified)}, messages.SUCCESS)
        if skipped:
            self.message_user(request, " ".join(skipped), messages.WARNING)

    def _duplicate_links(self, makers):
        return [
            (
                maker,
                reverse("admin:commitments_commitmentmaker_change", args=[maker.pk], current_app=self.admin_site.name),
            )
            for maker in makers
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["likely_duplicates"] = self._duplicate_links(likely_duplicates(obj))
            extra_context["can_merge"] = self.has_merge_permission(request)
            extra_context["verification"] = {
                "maker": CommitmentMaker.objects.select_related("verified_by").get(pk=obj.pk),
                "can_verify": not obj.verified and self.has_verify_permission(request),
                "verify_url": reverse(
                    "admin:commitments_commitmentmaker_verify", args=[obj.pk], current_app=self.admin_site.name
                ),
            }
            extra_context["changelist_url"] = reverse(
                "admin:commitments_commitmentmaker_changelist", current_app=self.admin_site.name
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        """Warn at once when the maker just added looks like one that exists."""
        similar = self._duplicate_links(likely_duplicates(obj))
        if similar:
            links = format_html_join(", ", '<a href="{}">{}</a>', ((url, maker) for maker, url in similar))
            self.message_user(
                request,
                format_html(
                    _("This may duplicate a maker already registered in {country}: {links}. Merge them if so."),
                    country=obj.country,
                    links=links,
                ),
                messages.WARNING,
            )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Merge selected makers into one…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        makers = list(queryset.select_related("country").order_by("pk"))
        if len(makers) < 2:
            self.message_user(request, _("Select at least two makers to merge."), messages.ERROR)
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("post") == "yes" and keep_id:
            keep = next((maker for maker in makers if str(maker.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, _("Choose the maker to keep among those selected."), messages.ERROR)
                return None
            merged = []
            for duplicate in makers:
                if duplicate.pk == keep.pk:
                    continue
                try:
                    services.maker_merge(keep=keep, duplicate=duplicate, actor=request.user)
                except services.ServiceError as error:
                    self.message_user(request, f"{duplicate}: {error.message}", messages.ERROR)
                else:
                    merged.append(duplicate.name)
            if merged:
                self.message_user(
                    request,
                    _("Merged into %(keep)s: %(names)s.") % {"keep": keep, "names": ", ".join(merged)},
                    messages.SUCCESS,
                )
            return None
        counts = dict(
            Commitment.objects.filter(maker__in=makers)
            .values_list("maker_id")
            .annotate(total=Count("pk"))
            .values_list("maker_id", "total")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge commitment makers"),
            "opts": self.opts,
            "makers": [(maker, counts.get(maker.pk, 0)) for maker in makers],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/commitments/commitmentmaker/merge.html", context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "maker", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "maker"]
    search_fields = ["user__username", "user__email", "maker__name"]
    autocomplete_fields = ["user", "maker"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "maker", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "maker"]
    search_fields = ["user__username", "user__email", "maker__name"]
    autocomplete_fields = ["user", "maker"]
    readonly_fields = ["decided_by", "decided_at"]


@admin.register(MakerMerge)
class MakerMergeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "merged_name", "kept", "actor"]
    list_select_related = ["kept", "actor"]
    search_fields = ["merged_name", "kept__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Users -------------------------------------------------------------------------
# Secretariat admins manage accounts (members of makers, reviewers), but must
# not be able to raise anyone's rights beyond their own: only a superuser
# grants superuser status or individual permissions, or touches a superuser.

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class SecretariatUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
