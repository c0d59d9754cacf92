"""Every ModelAdmin of gentrack, registered when Django's admin autodiscovers
this package."""

from . import coalitions, commitments, focal_points, jobs, makers, outbox, reporting  # noqa: F401
