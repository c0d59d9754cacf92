"""The outbox in the admin: the follow-up work promised by saved changes
(emails, compiles, exports, imports), whether it has reached the broker yet,
and a "retry now" for what has not."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import queue
from core.models import OutboxMessage


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    STATES = {
        "pending": Q(sent_at__isnull=True, failed_at__isnull=True),
        "sent": Q(sent_at__isnull=False),
        "failed": Q(sent_at__isnull=True, failed_at__isnull=False),
    }

    def lookups(self, request, model_admin):
        return [("pending", _("Pending")), ("sent", _("Sent")), ("failed", _("Given up"))]

    def queryset(self, request, queryset):
        condition = self.STATES.get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: rows are written by the services' transactions and updated
    by the sweep. Staff with the change permission may send unsent ones now."""

    list_display = ["created_at", "task_name", "arguments", "state", "attempts", "next_attempt_at", "sent_at", "error"]
    list_filter = [StateFilter, "task_name"]
    search_fields = ["task_name", "last_error"]
    actions = ["retry_now"]
    readonly_fields = [
        "task_name",
        "args",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "done_at",
        "last_error",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("core.change_outboxmessage")

    @admin.display(description=_("arguments"))
    def arguments(self, obj):
        return ", ".join(str(value) for value in obj.args)

    @admin.display(description=_("state"))
    def state(self, obj):
        return {"sent": _("Sent"), "failed": _("Given up"), "pending": _("Pending")}[obj.state]

    @admin.display(description=_("last error"))
    def error(self, obj):
        return obj.last_error[:120] if obj.last_error else "—"

    @admin.action(description=_("Retry the selected messages now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        pks = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        counts = queue.retry_now(pks)
        if counts["sent"]:
            self.message_user(
                request,
                ngettext("%(count)d message sent.", "%(count)d messages sent.", counts["sent"])
                % {"count": counts["sent"]},
                messages.SUCCESS,
            )
        unsent = len(pks) - counts["sent"]
        if unsent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message could not be sent; its last error says why, and the sweep tries again.",
                    "%(count)d messages could not be sent; their last error says why, and the sweep tries again.",
                    unsent,
                )
                % {"count": unsent},
                messages.WARNING,
            )
        if not pks:
            self.message_user(request, _("The selected messages were all sent already."), messages.INFO)
