"""The stored reporting statuses (`StoredReportingStatus`): written by one
set-based refresh that runs the rule itself, `annotate_reporting_status`, in
SQL, so the stored value cannot drift from the rule's answer.

Who calls it, and when:

- the reporting services, at the end of each change of a report
  (`refresh_stored_statuses(commitment_ids=[...])`, one commitment);
- the commitments services, through the `commitments.signals.commitment_changed`
  hook this app connects to (approve, withdraw, amendment approval);
- the job `reporting.refresh_reporting_statuses` (jobs/tasks.py) for every
  commitment: queued when a cycle opens or closes, run every day by beat just
  after midnight (a cycle that opens or closes by its dates changes statuses
  without any write), and at the end of `seed_demo`.

Two statements, neither a loop: an INSERT for commitments without a row yet,
then an UPDATE of the rows whose value differs, so a refresh that changes
nothing writes nothing."""

from django.db import connection, transaction
from django.utils import timezone

from commitments.models import Commitment

from .models import StoredReportingStatus, annotate_reporting_status


def _computed(commitments, day):
    """The rule's SQL for `commitments`: columns pk, reporting_status and
    implementation_status, named (their order in the SQL is Django's)."""
    rows = annotate_reporting_status(commitments.order_by(), day).values_list(
        "pk", "reporting_status", "implementation_status"
    )
    return rows.query.sql_with_params()


def refresh_stored_statuses(*, commitment_ids=None, day=None):
    """Write the rule's answer for these commitments (all when None) on `day`
    (today by default); return how many rows were written."""
    day = day or timezone.localdate()
    commitments = Commitment.objects.all()
    if commitment_ids is not None:
        commitment_ids = list(commitment_ids)
        if not commitment_ids:
            return 0
        commitments = commitments.filter(pk__in=commitment_ids)
    table = connection.ops.quote_name(StoredReportingStatus._meta.db_table)
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    new_sql, new_params = _computed(commitments.exclude(stored_status__isnull=False), day)
    sql, params = _computed(commitments, day)
    # No savepoint inside a service's transaction: both statements or neither.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            # The table name is the model's and the subquery Django's, with its
            # parameters apart: nothing typed by a user is in the string.
            f"INSERT INTO {table} (commitment_id, reporting_status, implementation_status) "  # noqa: S608
            f"SELECT computed.pk, computed.reporting_status, computed.implementation_status "
            # "WHERE true": SQLite needs it to tell the SELECT from the upsert.
            f"FROM ({new_sql}) computed WHERE true ON CONFLICT (commitment_id) DO NOTHING",
            new_params,
        )
        written = cursor.rowcount
        cursor.execute(
            f"UPDATE {table} SET reporting_status = computed.reporting_status, "  # noqa: S608
            f"implementation_status = computed.implementation_status "
            f"FROM ({sql}) computed WHERE {table}.commitment_id = computed.pk "
            f"AND ({table}.reporting_status {differs} computed.reporting_status "
            f"OR {table}.implementation_status {differs} computed.implementation_status)",
            params,
        )
        written += cursor.rowcount
    return written


def refresh_after_commitment_change(sender, commitment_ids, **kwargs):
    """The receiver of `commitments.signals.commitment_changed`."""
    refresh_stored_statuses(commitment_ids=commitment_ids)
