"""The SMART score of a commitment: five explicit rules over the
commitment's own data, one point each, 0 to 5.

- **Specific**: at least one action area is chosen, AND the commitment says
  where it works (at least one country, or a global or regional scope), AND
  its target groups are written (not blank).
- **Measurable**: at least one indicator with both a baseline value and a
  target value.
- **Achievable**: the resources are stated: an amount above zero (USD); or,
  for a commitment that is not financial, the partners it works with are
  written. A financial commitment without an amount never meets it.
- **Relevant**: at least one Action Coalition is chosen AND at least one of
  the chosen action areas belongs to a chosen coalition.
- **Time-bound**: an end year is set AND at least one deliverable has a due
  year.

The rules read `Facts`, which come either from a saved commitment
(`facts_of`, five small queries) or from a form's unsaved data
(`facts_from`, no query beyond what the form already holds), so the maker
sees the score of what they are typing. `smart_score_expression` is the same
rules as one SQL expression, for the set-based writes (backfill, seed_demo);
a test keeps the two in agreement.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from coalitions.models import ActionArea

from .measure_models import Deliverable, Indicator
from .models import Commitment, Scope

SCOPES_WITHOUT_COUNTRIES = (Scope.GLOBAL, Scope.REGIONAL)

CRITERIA = (
    ("specific", _("Specific")),
    ("measurable", _("Measurable")),
    ("achievable", _("Achievable")),
    ("relevant", _("Relevant")),
    ("time_bound", _("Time-bound")),
)

GUIDANCE = {
    "specific": _(
        "Choose the action areas, say where you work (countries, or a global or regional scope) and describe the "
        "groups you target."
    ),
    "measurable": _("Add an indicator with a baseline and a target."),
    "achievable": _(
        "State the resources: the amount committed, or (for a commitment that is not financial) the partners you "
        "work with."
    ),
    "relevant": _("Choose an Action Coalition and at least one of its action areas."),
    "time_bound": _("Set an end year and give at least one deliverable a due year."),
}


@dataclass(frozen=True)
class Facts:
    """What the rules read, nothing else."""

    has_action_areas: bool = False
    has_countries: bool = False
    scope: str = ""
    has_target_groups: bool = False
    is_financial: bool = False
    amount: object = None
    has_partners: bool = False
    has_coalition_area: bool = False
    measurable_indicators: int = 0
    end_year: object = None
    dated_deliverables: int = 0


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    met: bool
    guidance: str


@dataclass(frozen=True)
class Smart:
    score: int
    criteria: tuple

    @property
    def met(self):
        return [criterion for criterion in self.criteria if criterion.met]

    @property
    def missing(self):
        return [criterion for criterion in self.criteria if not criterion.met]


def _rules(facts):
    return {
        "specific": facts.has_action_areas
        and (facts.has_countries or facts.scope in SCOPES_WITHOUT_COUNTRIES)
        and facts.has_target_groups,
        "measurable": facts.measurable_indicators > 0,
        "achievable": bool(facts.amount is not None and facts.amount > 0)
        or (not facts.is_financial and facts.has_partners),
        "relevant": facts.has_coalition_area,
        "time_bound": facts.end_year is not None and facts.dated_deliverables > 0,
    }


def assess(facts):
    """The score and, per criterion, whether it is met and what to do if not."""
    met = _rules(facts)
    criteria = tuple(
        Criterion(code=code, label=str(label), met=met[code], guidance="" if met[code] else str(GUIDANCE[code]))
        for code, label in CRITERIA
    )
    return Smart(score=sum(1 for criterion in criteria if criterion.met), criteria=criteria)


def score_of(commitment):
    return assess(facts_of(commitment)).score


def _text(value):
    return bool((value or "").strip())


def facts_of(commitment):
    """The facts of a saved commitment (five queries)."""
    coalition_ids = set(commitment.coalitions.values_list("pk", flat=True))
    area_coalitions = set(commitment.action_areas.values_list("coalition_id", flat=True))
    return Facts(
        has_action_areas=bool(area_coalitions),
        has_countries=commitment.countries.exists(),
        scope=commitment.scope or "",
        has_target_groups=_text(commitment.target_groups),
        is_financial=bool(commitment.is_financial),
        amount=commitment.financial_amount_usd,
        has_partners=_text(commitment.partners),
        has_coalition_area=bool(coalition_ids & area_coalitions),
        measurable_indicators=Indicator.objects.filter(commitment=commitment).count(),
        end_year=commitment.end_year,
        dated_deliverables=Deliverable.objects.filter(commitment=commitment, due_year__isnull=False).count(),
    )


def _ids(values):
    return {getattr(value, "pk", value) for value in values or ()}


def facts_from(data, *, indicators=(), deliverables=()):
    """The facts of unsaved data: a form's cleaned_data (model instances or
    ids for the links; `commitment_types` or the is_* flags) and the
    indicators and deliverables as dicts or objects (saved ones, or those
    being typed)."""

    def field(item, name):
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    areas = list(data.get("action_areas") or ())
    area_coalitions = {area.coalition_id for area in areas if isinstance(area, ActionArea)}
    plain_ids = {area for area in areas if not isinstance(area, ActionArea)}
    if plain_ids:
        area_coalitions |= set(ActionArea.objects.filter(pk__in=plain_ids).values_list("coalition_id", flat=True))
    types = data.get("commitment_types")
    is_financial = "financial" in types if types is not None else bool(data.get("is_financial"))
    return Facts(
        has_action_areas=bool(areas),
        has_countries=bool(data.get("countries")),
        scope=data.get("scope") or "",
        has_target_groups=_text(data.get("target_groups")),
        is_financial=is_financial,
        amount=data.get("financial_amount_usd"),
        has_partners=_text(data.get("partners")),
        has_coalition_area=bool(_ids(data.get("coalitions")) & area_coalitions),
        measurable_indicators=sum(
            1
            for item in indicators
            if field(item, "baseline_value") is not None and field(item, "target_value") is not None
        ),
        end_year=data.get("end_year"),
        dated_deliverables=sum(1 for item in deliverables if field(item, "due_year")),
    )


def smart_score_expression():
    """`assess(facts_of(c)).score` as one SQL expression over the commitment
    row, for `Commitment.objects.update(smart_score=smart_score_expression())`.

    Every test is `id IN (SELECT commitment_id …)` over the whole link table,
    not a correlated EXISTS: PostgreSQL hashes each subquery once for the
    UPDATE instead of probing it per row, which keeps a rewrite of every
    commitment fast even while seed_demo has the indexes dropped (with
    EXISTS, 100,000 rows took over twenty minutes there)."""
    through = Commitment
    areas = through.action_areas.through.objects
    coalition_areas = areas.filter(
        Exists(
            through.coalitions.through.objects.filter(
                commitment_id=OuterRef("commitment_id"), actioncoalition_id=OuterRef("actionarea__coalition_id")
            )
        )
    )

    def having(links):
        return Q(pk__in=links.values("commitment_id"))

    text = Q(target_groups__regex=r"\S")

    def point(condition):
        return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    specific = (
        having(areas) & (having(through.countries.through.objects) | Q(scope__in=SCOPES_WITHOUT_COUNTRIES)) & text
    )
    achievable = Q(financial_amount_usd__gt=0) | (Q(is_financial=False) & Q(partners__regex=r"\S"))
    time_bound = Q(end_year__isnull=False) & having(Deliverable.objects.filter(due_year__isnull=False))
    return (
        point(specific)
        + point(having(Indicator.objects))
        + point(achievable)
        + point(having(coalition_areas))
        + point(time_bound)
    )


def refresh_smart_scores(queryset=None):
    """Set the stored score of every commitment of `queryset` (all by
    default) in one UPDATE; returns the number of rows written."""
    queryset = Commitment.objects.all() if queryset is None else queryset
    return queryset.update(smart_score=smart_score_expression())


__all__ = ["CRITERIA", "Facts", "Smart", "assess", "facts_from", "facts_of", "refresh_smart_scores", "score_of"]
