"""Focal points in the admin: the secretariat appoints them, names their
places and publishes their names, through reporting/focal_points.py; the
form shows the services' refusals at their fields. Their reminders and
imports are listed read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from commitments.services import ServiceError
from reporting import focal_points
from reporting.models import FocalPoint, FocalReminder, ProgressImportJob


class FocalPointForm(forms.ModelForm):
    class Meta:
        model = FocalPoint
        fields = ["user", "country", "places", "published"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user") or getattr(self.instance, "user", None)
        country = cleaned.get("country") or getattr(self.instance, "country", None)
        try:
            focal_points.check_focal_point(
                user=user,
                country=country,
                places=list(cleaned.get("places") or []),
                published=cleaned.get("published", False),
                instance=self.instance,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned

    def validate_unique(self):
        # The service's check says it at the user field, in words.
        pass


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    form = FocalPointForm
    list_display = ["user", "country", "published", "appointed_by", "created_at"]
    list_filter = ["published", "country__region", "country"]
    list_select_related = ["user", "country", "appointed_by"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "country__name", "=country__code"]
    autocomplete_fields = ["user", "country", "places"]
    readonly_fields = ["appointed_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # An appointment keeps its user and country: end it and appoint again.
        return [*self.readonly_fields, "user", "country"] if obj else self.readonly_fields

    def has_add_permission(self, request):
        return focal_points.can_appoint_focal_points(request.user)

    def has_change_permission(self, request, obj=None):
        return focal_points.can_appoint_focal_points(request.user) and request.user.has_perm(
            "reporting.change_focalpoint"
        )

    def has_delete_permission(self, request, obj=None):
        return focal_points.can_appoint_focal_points(request.user) and request.user.has_perm(
            "reporting.delete_focalpoint"
        )

    def save_model(self, request, obj, form, change):
        # The places are set by the service, after the row exists.
        pass

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        try:
            if change:
                form.instance = focal_points.focal_point_update(
                    actor=request.user, focal_point=form.instance, places=data["places"], published=data["published"]
                )
            else:
                form.instance = focal_points.focal_point_appoint(
                    actor=request.user,
                    user=data["user"],
                    country=data["country"],
                    places=data["places"],
                    published=data["published"],
                )
        except ServiceError as error:
            raise PermissionDenied(error.message) from None

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(request, self._saved(request, obj), post_url_continue)

    def response_change(self, request, obj):
        return super().response_change(request, self._saved(request, obj))

    def _saved(self, request, obj):
        return FocalPoint.objects.filter(user=obj.user, country=obj.country).first() or obj

    def log_addition(self, request, obj, message):
        obj = self._saved(request, obj)
        if obj.pk:
            super().log_addition(request, obj, message)

    def delete_model(self, request, obj):
        try:
            focal_points.focal_point_end(actor=request.user, focal_point=obj)
        except ServiceError as error:
            self.message_user(request, error.message, messages.ERROR)


@admin.register(FocalReminder)
class FocalReminderAdmin(admin.ModelAdmin):
    list_display = ["maker", "focal_point", "sent_by", "commitment_count", "sent_at"]
    list_select_related = ["maker", "focal_point__user", "focal_point__country", "sent_by"]
    list_filter = ["focal_point__country"]
    search_fields = ["maker__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProgressImportJob)
class ProgressImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "focal_point", "status", "dry_run", "created_count", "error_count", "created_at"]
    list_select_related = ["focal_point__user", "focal_point__country"]
    list_filter = ["status", "focal_point__country"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
