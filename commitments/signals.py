"""What the commitments app tells the apps above it, without importing them.

`commitment_changed` is sent by the services at the end of every change that
can move a commitment's reporting status (approve, withdraw, an amendment's
approval), inside their transaction, with `commitment_ids`. The reporting app
connects to it (reporting.apps) and rewrites the stored reporting status of
those commitments; commitments itself never imports reporting."""

from django.dispatch import Signal

commitment_changed = Signal()


def announce_change(*commitment_ids):
    """Tell the listeners that these commitments changed."""
    from .models import Commitment

    commitment_changed.send(sender=Commitment, commitment_ids=list(commitment_ids))
