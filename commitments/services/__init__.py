"""The domain operations on commitment makers and commitments.

Every state change in gentrack goes through one of these functions: views,
forms, admin actions, API views and tasks call them and never re-implement a
transition. Each is keyword-only, runs in one transaction, locks the row it
changes, writes its ReviewEvent and queues follow-up work on commit. A
transition that is not allowed, or an actor without the right, raises a
ServiceError subclass and changes nothing.

The functions live in three modules (base: errors, permissions and the
helpers every service shares; measures: deliverables and indicators; commitments: the life of a commitment and its
import; makers: makers, members, join requests and merges) and are all
imported here, so callers write `from commitments import services` and
`services.commitment_submit(...)`. What a spreadsheet import needs to check
a row without writing it is public too: `import_changes` and
`commitment_import_check`.
"""

from .base import (
    EDITABLE_FIELDS,
    M2M_FIELDS,
    MAKER_FIELDS,
    InvalidTransition,
    NotPermitted,
    ServiceError,
    can_review_commitments,
    is_member,
    is_owner,
    notify_on_commit,
    places_outside,
    record_event,
    require_member,
    require_reviewer,
)
from .commitments import (
    can_import_commitments,
    commitment_approve,
    commitment_create,
    commitment_delete_draft,
    commitment_discard_amendment,
    commitment_import,
    commitment_import_check,
    commitment_return,
    commitment_start_amendment,
    commitment_submit,
    commitment_update,
    commitment_withdraw,
    import_changes,
)
from .makers import (
    can_merge_makers,
    can_verify_makers,
    join_request_accept,
    join_request_create,
    join_request_decline,
    maker_create,
    maker_merge,
    maker_verify,
    membership_change_role,
    membership_remove,
    require_owner,
)
from .measures import (
    deliverable_delete,
    deliverable_save,
    indicator_delete,
    indicator_errors,
    indicator_save,
    measures_changed,
    refresh_smart_score,
)

__all__ = [
    "refresh_smart_score",
    "measures_changed",
    "indicator_save",
    "indicator_errors",
    "indicator_delete",
    "deliverable_save",
    "deliverable_delete",
    "EDITABLE_FIELDS",
    "M2M_FIELDS",
    "MAKER_FIELDS",
    "InvalidTransition",
    "NotPermitted",
    "ServiceError",
    "can_import_commitments",
    "can_merge_makers",
    "can_review_commitments",
    "can_verify_makers",
    "commitment_approve",
    "commitment_create",
    "commitment_delete_draft",
    "commitment_discard_amendment",
    "commitment_import",
    "commitment_import_check",
    "commitment_return",
    "commitment_start_amendment",
    "commitment_submit",
    "commitment_update",
    "commitment_withdraw",
    "import_changes",
    "is_member",
    "is_owner",
    "join_request_accept",
    "join_request_create",
    "join_request_decline",
    "maker_create",
    "maker_merge",
    "maker_verify",
    "membership_change_role",
    "membership_remove",
    "notify_on_commit",
    "places_outside",
    "record_event",
    "require_member",
    "require_owner",
    "require_reviewer",
]
