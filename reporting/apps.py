from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # The commitments services announce their changes without importing
        # reporting; the stored reporting statuses follow them.
        from commitments.signals import commitment_changed

        from .stored_statuses import refresh_after_commitment_change

        commitment_changed.connect(refresh_after_commitment_change, dispatch_uid="reporting.stored_statuses")

        from .progress import connect

        connect()
