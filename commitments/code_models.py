from django.db import models


class StoredLinkCodes(models.Model):
    """The codes of a commitment's links (coalition slugs, action area ids,
    theme slugs, country and place codes), each list joined by ";" in the
    order the API lists them, kept beside the commitment so that the CSV and
    the cursor pages read them with the row instead of aggregating the link
    tables for every pull (commitments/stored_codes.py keeps them current).
    A commitment without a row has no links."""

    commitment = models.OneToOneField(
        "commitments.Commitment", primary_key=True, on_delete=models.CASCADE, related_name="stored_codes"
    )
    coalitions = models.TextField(blank=True, default="")
    action_areas = models.TextField(blank=True, default="")
    themes = models.TextField(blank=True, default="")
    countries = models.TextField(blank=True, default="")
    places = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "stored link codes"
        verbose_name_plural = "stored link codes"

    def __str__(self):
        return f"links of commitment {self.commitment_id}"
