"""The stored codes of a commitment's links (`StoredLinkCodes`), read by the
CSV and the cursor pages in place of five aggregates over the link tables.

They are written from the link tables themselves, by one function
(`refresh_stored_codes`), in the order `api.fields.attach_related_codes`
lists codes in (the related model's ordering, then its key), so the stored
text and the serializer's lists are the same thing:

- every change of a commitment's links through the ORM (`.set()`, `.add()`,
  `.remove()`, `.clear()`: the services, the admin, the factories) sends
  `m2m_changed`, connected below, which rewrites that relation's column of
  that commitment;
- links written in bulk (seed_demo's COPY) and links removed by deleting a
  theme, country or place send nothing: seed_demo refreshes every
  commitment at its end, and the daily job `commitments.refresh_stored_codes`
  (jobs/tasks.py, after midnight) does the same for the deletions.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed

# Field -> the attribute of the linked row that is its code.
CODE_FIELDS = {
    "coalitions": "slug",
    "action_areas": "pk",
    "themes": "slug",
    "countries": "code",
    "places": "code",
}
CHUNK = 5000


def link_ordering(relation):
    """The order `api.fields.attach_related_codes` lists codes in."""
    target = relation.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{term[1:]}" if term.startswith("-") else f"{target}__{term}"
        for term in relation.related_model._meta.ordering
    ]
    return [*ordering, f"{target}__pk"]


def codes_by_commitment(ids, names=tuple(CODE_FIELDS), *, commitment_model=None):
    """{commitment id: {field: [codes]}} read from the link tables, one
    query per relation."""
    from .models import Commitment

    Commitment = commitment_model or Commitment  # noqa: N806 — a migration passes its own
    codes = {pk: {name: [] for name in names} for pk in ids}
    for name in names:
        relation = Commitment._meta.get_field(name)
        owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links = (
            relation.remote_field.through.objects.filter(**{f"{owner}__in": ids})
            .order_by(*link_ordering(relation))
            .values_list(f"{owner}_id", f"{target}__{CODE_FIELDS[name]}")
        )
        for pk, code in links:
            codes[pk][name].append(code)
    return codes


def refresh_stored_codes(commitment_ids=None, *, apps=None):
    """Write the link codes of these commitments (all when None), in chunks
    of CHUNK; returns how many commitments were written. A data migration
    passes its `apps`."""
    if apps is not None:
        Commitment = apps.get_model("commitments", "Commitment")  # noqa: N806
        StoredLinkCodes = apps.get_model("commitments", "StoredLinkCodes")  # noqa: N806
    else:
        from .models import Commitment, StoredLinkCodes

    if commitment_ids is None:
        ids = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted({int(pk) for pk in commitment_ids})
        # Those that still exist (a deleted commitment took its row along).
        ids = list(Commitment.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        codes = codes_by_commitment(part, commitment_model=Commitment)
        rows = [
            StoredLinkCodes(commitment_id=pk, **{name: joined(found[name]) for name in found})
            for pk, found in codes.items()
        ]
        with transaction.atomic(savepoint=False):
            StoredLinkCodes.objects.filter(commitment_id__in=part).delete()
            StoredLinkCodes.objects.bulk_create(rows, batch_size=2000)
    return len(ids)


def split(field, text):
    """A stored code list as the API writes it: action areas are ids."""
    if not text:
        return []
    codes = text.split(";")
    return [int(code) for code in codes] if field == "action_areas" else codes


def joined(codes):
    return ";".join(str(code) for code in codes)


def refresh_one_field(commitment_id, name):
    """Write the codes of one relation of one commitment: two queries,
    where a services' save sets five relations one after the other."""
    from .models import StoredLinkCodes

    codes = codes_by_commitment([commitment_id], names=(name,))[commitment_id][name]
    if not StoredLinkCodes.objects.filter(commitment_id=commitment_id).update(**{name: joined(codes)}):
        refresh_stored_codes([commitment_id])  # its first links: every column at once


# Link table -> the commitment's field (filled by connect()).
_FIELD_OF_TABLE = {}


def _links_changed(sender, instance, action, reverse, **kwargs):
    # From the commitment's side only: simple_history, which records the
    # links in each version, refuses changes made from the other side.
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        refresh_one_field(instance.pk, _FIELD_OF_TABLE[sender])


def connect():
    """Listen to every link table (called from commitments.apps)."""
    from .models import Commitment

    for name in CODE_FIELDS:
        through = Commitment._meta.get_field(name).remote_field.through
        _FIELD_OF_TABLE[through] = name
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"stored-codes-{name}")
