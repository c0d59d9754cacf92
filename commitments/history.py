"""A commitment's versions: how one is recorded, and what changed from one to
the next, in words people read.

django-simple-history writes a version (a `HistoricalCommitment` row, with
the links it had in `HistoricalCommitment_<field>` rows) whenever a
commitment is saved, and again whenever one of its links changes. A service
that saves a commitment and then sets its links would leave several
half-made versions; `one_version` records exactly one, after the links are
set, with the actor as its user.

`commitment_versions` reads them back as a list of `Version`s, newest first:
when, by whom (for the secretariat only), which fields changed from what to
what, and which links were added or removed, by name. It runs five queries
however many versions there are: the versions, then the links of all of them
for each of the four link fields.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy

from core import formatting

from .models import COMMITMENT_HISTORY, TYPE_FLAGS, Commitment, CommitmentType, Scope

LINK_FIELDS = ("coalitions", "action_areas", "themes", "countries")

# What the public may read of a version; review state beyond published or
# withdrawn, the maker and the workflow dates are the secretariat's.
PUBLIC_FIELDS = (
    "title",
    "description",
    "language",
    "translations",
    "commitment_types",
    "financial_amount_usd",
    "scope",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
    "status",
)
PUBLIC_STATUSES = (Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN)
TYPES_LABEL = gettext_lazy("type of commitment")


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class LinkChange:
    """The links of one kind before and after, and which were added and
    removed, by name."""

    label: str
    before: list = field(default_factory=list)
    after: list = field(default_factory=list)
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)


@dataclass
class Version:
    """One version of a commitment and what changed since the one before
    (`first` when there is none to compare with)."""

    date: object
    user: object
    status: str
    first: bool
    fields: list
    links: list
    history_id: int

    @property
    def changed(self):
        return bool(self.fields or self.links)


# Recording -------------------------------------------------------------------------


def record_version(commitment, *, actor=None, created=False, date=None):
    """Write one version of `commitment` as it is now, links included."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        commitment._history_user = actor
    if date is not None:
        commitment._history_date = date
    try:
        COMMITMENT_HISTORY.create_historical_record(commitment, "+" if created else "~")
    finally:
        commitment.__dict__.pop("_history_date", None)


@contextmanager
def one_version(commitment, *, actor=None, created=False):
    """Save `commitment` and set its links inside this block: no version is
    written on the way, and one is written at the end with the final links.
    Nothing is written if the block raises."""
    commitment.skip_history_when_saving = True
    try:
        yield commitment
    finally:
        del commitment.skip_history_when_saving
    record_version(commitment, actor=actor, created=created)


# Reading -------------------------------------------------------------------------


def _link_names(history_ids):
    """{history_id: {field name: sorted names}} for the given versions, one
    query per link field."""
    names = {pk: {name: [] for name in LINK_FIELDS} for pk in history_ids}
    if not history_ids:
        return names
    for name in LINK_FIELDS:
        model_field = Commitment._meta.get_field(name)
        target = model_field.m2m_reverse_field_name()
        related = [target, f"{target}__coalition"] if name == "action_areas" else [target]
        rows = COMMITMENT_HISTORY.m2m_models[model_field].objects.filter(history_id__in=history_ids)
        for row in rows.select_related(*related):
            linked = getattr(row, target)
            if linked is not None:
                names[row.history_id][name].append(str(linked))
    for links in names.values():
        for values in links.values():
            values.sort()
    return names


def _types(record):
    return ", ".join(str(CommitmentType(code).label) for code, flag in TYPE_FLAGS.items() if getattr(record, flag))


def _value(record, name):
    """A field of a version in words."""
    if name == "commitment_types":
        return _types(record)
    value = getattr(record, name)
    if value is None or value == "":
        return "—"
    if name == "financial_amount_usd":
        return formatting.money(value)
    if name == "scope":
        return str(Scope(value).label)
    if name == "status":
        return str(Commitment.Status(value).label)
    if name == "language":
        return str(dict(settings.LANGUAGES).get(value, value))
    if name == "translations":
        # Each language's title; a changed description shows as its own.
        return (
            "; ".join(
                f"{dict(settings.LANGUAGES).get(code, code)}: {text.get('title', '')}"
                + (f" — {text['description']}" if text.get("description") else "")
                for code, text in sorted(value.items())
            )
            or "—"
        )
    return str(value)


def _label(name):
    if name == "commitment_types":
        return str(TYPES_LABEL)
    return str(Commitment._meta.get_field(name).verbose_name)


def _changes(before, after, before_links, after_links, fields):
    changed = [
        FieldChange(_label(name), _value(before, name), _value(after, name))
        for name in fields
        if _value(before, name) != _value(after, name)
    ]
    links = []
    for name in LINK_FIELDS:
        old, new = set(before_links[name]), set(after_links[name])
        if old != new:
            links.append(
                LinkChange(
                    _label(name),
                    before=before_links[name],
                    after=after_links[name],
                    added=sorted(new - old),
                    removed=sorted(old - new),
                )
            )
    return changed, links


def commitment_versions(commitment, *, public=False):
    """The versions of `commitment` (a Commitment or its id), newest first,
    each with what changed since the one before.

    For the public (`public=True`): only versions since it was first
    published, with no user, only the fields in PUBLIC_FIELDS, and only the
    versions that changed one of them (the first is its publication)."""
    commitment_id = commitment.pk if isinstance(commitment, Commitment) else commitment
    records = Commitment.history.filter(id=commitment_id).order_by("history_date", "history_id")
    if public:
        records = records.filter(status__in=PUBLIC_STATUSES).exclude(history_type="-")
        fields = PUBLIC_FIELDS
    else:
        records = records.select_related("history_user")
        fields = PUBLIC_FIELDS
    records = list(records)
    links = _link_names([record.history_id for record in records])
    versions = []
    previous = None
    for record in records:
        if previous is None:
            changed, linked = [], []
        else:
            changed, linked = _changes(previous, record, links[previous.history_id], links[record.history_id], fields)
        version = Version(
            date=record.history_date,
            user=None if public else record.history_user,
            status=record.status,
            first=previous is None,
            fields=changed,
            links=linked,
            history_id=record.history_id,
        )
        if version.first or version.changed or not public:
            versions.append(version)
        previous = record
    versions.reverse()
    return versions
