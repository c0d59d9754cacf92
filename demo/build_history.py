"""The history of the demo's commitments (`HistoryMixin`, part of
`DemoBuilder`): each commitment starts with the versions its review trail
implies, links included, written in bulk as everything else is.

A commitment gets one version of the state it reached, dated when it reached
it and by whoever took that step (the reviewer who approved it, the maker who
last edited or submitted it); a withdrawn one gets the approved version and
then the withdrawn one. Their links are written beside them with the ids of
the link rows they copy, as django-simple-history would."""

from commitments.models import Commitment

from .common import Action, Status
from .writer import COMMITMENT_DEFAULTS, COMMITMENT_FIELDS

HistoricalCommitment = Commitment.history.model
# The commitment's own fields, as the version copies them (updated_at is
# not tracked), then the version's.
COPIED_FIELDS = [
    "id",
    "reference",
    *(name for name in COMMITMENT_FIELDS if name != "updated_at"),
    "language",
    "translations",
]
HISTORY_FIELDS = [*COPIED_FIELDS, "history_date", "history_change_reason", "history_type", "history_user_id"]
LINK_FIELDS = ("coalitions", "action_areas", "themes", "countries")


def history_link_models():
    """The models holding each version's links, by link field."""
    from commitments.models import COMMITMENT_HISTORY

    return {name: COMMITMENT_HISTORY.m2m_models[Commitment._meta.get_field(name)] for name in LINK_FIELDS}


def _actor_of(events, action=None):
    for _moment, event_action, _from, _to, _comment, actor in reversed(events):
        if action is None or event_action == action:
            return actor
    return None


class HistoryMixin:
    """Versions of the commitments of a chunk, for `DemoBuilder`."""

    def _versions_of(self, draft):
        row, events = draft["row"], draft["events"]
        if row["status"] in (Status.APPROVED, Status.WITHDRAWN):
            versions = [("+", row["published_at"], Status.APPROVED, _actor_of(events, Action.APPROVED))]
            if row["status"] == Status.WITHDRAWN:
                versions.append(("~", row["updated_at"], Status.WITHDRAWN, _actor_of(events, Action.WITHDRAWN)))
            return versions
        return [("+", row["updated_at"], row["status"], _actor_of(events))]

    def _insert_history(self, drafts, link_ids):
        """Write the versions of `drafts` and their links; `link_ids` maps
        (field, commitment id) to the [(link row id, linked id)] written."""
        rows, owners = [], []
        for draft in drafts:
            row = draft["row"]
            for history_type, moment, status, actor in self._versions_of(draft):
                values = {**row, "status": status}
                rows.append(
                    [
                        *(values.get(name, COMMITMENT_DEFAULTS.get(name)) for name in COPIED_FIELDS),
                        moment,
                        "",
                        history_type,
                        actor,
                    ]
                )
                owners.append(row["id"])
        history_ids = self.writer.new_ids(HistoricalCommitment, len(rows))
        if history_ids:
            with_ids = [[pk, *values] for pk, values in zip(history_ids, rows, strict=True)]
            self.writer.insert(HistoricalCommitment, ["history_id", *HISTORY_FIELDS], with_ids)
        else:
            history_ids = self.writer.insert(HistoricalCommitment, HISTORY_FIELDS, rows)
        self.counts["commitment versions"] += len(rows)
        for name, model in history_link_models().items():
            column = Commitment._meta.get_field(name).m2m_reverse_name()
            link_rows = [
                (link_id, commitment_id, linked, history_id)
                for history_id, commitment_id in zip(history_ids, owners, strict=True)
                for link_id, linked in link_ids.get((name, commitment_id), ())
            ]
            self.writer.insert(model, ["id", "commitment_id", column, "history_id"], link_rows)
