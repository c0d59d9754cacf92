"""The reporting statuses kept beside each commitment for fast filters."""

from django.db import models

from .choices import ImplementationStatus, ReportingStatus


class StoredReportingStatus(models.Model):
    """A commitment's reporting status and latest implementation status as
    `annotate_reporting_status` works them out, kept beside the commitment so
    that the catalogue and the API filter and count by them through an index
    instead of working the rule out for every row. The rule stays the truth:
    `reporting.stored_statuses.refresh_stored_statuses` writes its answer
    here after every service that can change it and every day (the status
    moves with the date). A commitment without a row has neither status yet.
    It lives in reporting, not on the commitment, because the rule reads the
    cycles and reports, and because a nightly rewrite of wide commitment rows
    with their search indexes would cost many times a rewrite of these."""

    commitment = models.OneToOneField(
        "commitments.Commitment", primary_key=True, on_delete=models.CASCADE, related_name="stored_status"
    )
    # NULL, as the rule answers it: no status (not approved, no cycle yet, no
    # counted report), never an empty string.
    reporting_status = models.CharField(max_length=15, choices=ReportingStatus.choices, null=True)  # noqa: DJ001
    implementation_status = models.CharField(  # noqa: DJ001
        max_length=14, choices=ImplementationStatus.choices, null=True
    )

    class Meta:
        indexes = [
            models.Index(fields=["reporting_status", "commitment"], name="stored_reporting_status"),
            models.Index(fields=["implementation_status", "commitment"], name="stored_implementation_status"),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.reporting_status or '-'} / {self.implementation_status or '-'}"
