"""Commitment makers and commitments.

Anyone reads public data: approved and withdrawn commitments, and makers
that have at least one of them. A caller with a token who is a member of a
maker also sees that maker (even before it has public commitments) and all
its commitments, drafts and amendments included, and creates, edits and
submits them through commitments.services, exactly as on the web site.
"""

import re

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.commitments import bulk
from api.commitments.filters import CommitmentApiFilterSet, MakerApiFilterSet
from api.commitments.serializers import (
    CommitmentDetailSerializer,
    CommitmentMakerSerializer,
    CommitmentSerializer,
    ReviewDecisionSerializer,
)
from api.mixins import ApiViewMixin
from commitments import services
from commitments.models import Commitment, CommitmentMaker, Deliverable, Indicator, MakerMerge, Membership
from reporting.models import annotate_reporting_status

PUBLIC_STATUSES = [Commitment.Status.APPROVED, Commitment.Status.WITHDRAWN]


def member_maker_ids(user):
    """The makers `user` acts for, as a subquery (empty for anonymous)."""
    if not (user and user.is_authenticated):
        return None
    return Membership.objects.filter(user=user).values("maker_id")


class CommitmentMakerViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Commitment makers with at least one public (approved or withdrawn)
    commitment; a member also sees their own makers. The id of a maker merged
    into another answers 301 with the kept maker's URL."""

    serializer_class = CommitmentMakerSerializer
    filterset_class = MakerApiFilterSet
    csv_filename = "makers"

    def get_queryset(self):
        has_public = Exists(Commitment.objects.filter(maker=OuterRef("pk"), status__in=PUBLIC_STATUSES))
        visible = Q(has_public)
        own = member_maker_ids(self.request.user)
        if own is not None:
            visible |= Q(pk__in=own)
        return CommitmentMaker.objects.filter(visible).select_related("country").order_by("name", "id")

    @extend_schema(responses={200: CommitmentMakerSerializer, 301: None})
    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            survivor = _survivor_of(kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
            if survivor is None:
                raise
            url = reverse("api:maker-detail", kwargs={"pk": survivor})
            return HttpResponsePermanentRedirect(request.build_absolute_uri(url))


def _survivor_of(key):
    """The id of the maker that the maker `key` was merged into, when `key`
    names a maker that is gone."""
    if not NUMERIC_ID.match(str(key)) or CommitmentMaker.objects.filter(pk=int(key)).exists():
        return None
    return MakerMerge.survivor_id(int(key))


COMMITMENT_KEY = OpenApiParameter(
    "id",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The commitment's numeric id or its reference (e.g. GE-2021-00042).",
)
# A numeric id in a URL: ASCII digits that fit a bigint (str.isdigit() would
# also take other scripts' digits, which int() reads).
NUMERIC_ID = re.compile(r"^[0-9]{1,18}$")


@extend_schema_view(
    retrieve=extend_schema(parameters=[COMMITMENT_KEY], responses={200: CommitmentDetailSerializer}),
    partial_update=extend_schema(parameters=[COMMITMENT_KEY]),
    submit=extend_schema(parameters=[COMMITMENT_KEY]),
    approve=extend_schema(parameters=[COMMITMENT_KEY]),
)
class CommitmentViewSet(
    ApiViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Commitments to the Action Coalitions, with their derived
    `reporting_status` and latest `implementation_status`.

    Detail, edit and submit take the numeric id or the reference:
    `/api/v1/commitments/42/` and `/api/v1/commitments/GE-2021-00042/` are
    the same commitment. Makers with a token create drafts (POST), edit
    their drafts and returned commitments (PATCH) and submit them for
    review (POST …/submit/); secretariat reviewers approve submitted
    commitments (POST …/approve/)."""

    serializer_class = CommitmentSerializer
    filterset_class = CommitmentApiFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = "[^/]+"
    csv_filename = "commitments"

    rows_by_id = True
    csv_columns = staticmethod(bulk.csv_columns)
    fast_rows = staticmethod(bulk.fast_rows)
    with_bulk_row_data = staticmethod(bulk.with_bulk_row_data)

    def get_queryset(self):
        """The commitments the caller may see, bare: filtering and paging
        work on these, and `with_row_data` builds the rows of a page."""
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no cycles
            return Commitment.objects.none()
        queryset = Commitment.objects.all()
        own = member_maker_ids(self.request.user)
        if own is None:
            return queryset.public()
        return queryset.filter(Q(status__in=PUBLIC_STATUSES) | Q(maker__in=own))

    def with_row_data(self, queryset):
        # The reporting status filter may have annotated already.
        if "reporting_status" not in queryset.query.annotations:
            queryset = annotate_reporting_status(queryset)
        # The maker's name by a lookup per row, not a join: for a page of
        # 500 PostgreSQL hashed the whole makers table to join it, a cost
        # that grows with the data and would make bulk pulls quadratic.
        return queryset.annotate(
            maker_name=Subquery(CommitmentMaker.objects.filter(pk=OuterRef("maker_id")).values("name")[:1])
        )

    def get_serializer_class(self):
        return CommitmentDetailSerializer if self.action == "retrieve" else CommitmentSerializer

    def get_object(self):
        queryset = self.with_row_data(self.get_queryset())
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("deliverables", Deliverable.objects.order_by("order", "due_year", "id")),
                Prefetch("indicators", Indicator.objects.select_related("standard").order_by("order", "id")),
            )
        commitment = get_object_or_404(queryset, **self._lookup())
        self.check_object_permissions(self.request, commitment)
        return commitment

    def _fresh(self, commitment):
        """The row again, with the annotations of a read."""
        return self.with_row_data(self.get_queryset()).get(pk=commitment.pk)

    def perform_create(self, serializer):
        serializer.instance = self._fresh(serializer.save())

    def perform_update(self, serializer):
        serializer.instance = self._fresh(serializer.save())

    @extend_schema(request=None, responses={200: CommitmentSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit a draft or returned commitment for review by the secretariat."""
        commitment = services.commitment_submit(actor=request.user, commitment=self.get_object())
        return Response(self.get_serializer(self._fresh(commitment)).data, status=status.HTTP_200_OK)

    @extend_schema(
        request=ReviewDecisionSerializer,
        responses={200: CommitmentSerializer},
        description=(
            "Approve a submitted commitment (secretariat reviewers' tokens only), as the admin's "
            "Approve does: it becomes public and its members are emailed. Answers 409 with the reason "
            "while the commitment's maker is not yet verified by the secretariat, or when the "
            "commitment is not waiting for a decision."
        ),
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        """Approve a submitted commitment (secretariat reviewers)."""
        if not services.can_review_commitments(request.user):
            raise PermissionDenied(_("Only secretariat reviewers can decide on submitted commitments."))
        decision = ReviewDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        # Reviewers decide on commitments nobody else can read yet: look
        # the commitment up among all of them, not the caller's visible ones.
        commitment = get_object_or_404(Commitment.objects.all(), **self._lookup())
        commitment = services.commitment_approve(
            actor=request.user, commitment=commitment, comment=decision.validated_data["comment"]
        )
        # Approved, it is public: the caller's visible commitments hold it.
        return Response(self.get_serializer(self._fresh(commitment)).data)

    def _lookup(self):
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        return {"pk": int(key)} if NUMERIC_ID.match(key) else {"reference": key}
