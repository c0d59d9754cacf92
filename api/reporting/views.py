"""Reporting cycles, progress reports and accountability reports.

Public: every cycle; progress reports that are submitted or accepted, on
public commitments; accountability reports that compiled successfully. A
maker with a token also sees and writes its own progress reports through
reporting.services; staff see every accountability report and request new
ones."""

import django_filters
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from api.commitments.views import NUMERIC_ID, PUBLIC_STATUSES, member_maker_ids
from api.mixins import ApiViewMixin
from api.reporting.serializers import (
    AccountabilityReportRequestSerializer,
    AccountabilityReportSerializer,
    CountryReportRequestSerializer,
    CountryReportSerializer,
    ProgressReportDetailSerializer,
    ProgressReportSerializer,
    ReportDecisionSerializer,
    ReportingCycleSerializer,
)
from coalitions.models import Country, Region
from reporting import services
from reporting.filters import ProgressReportFilterSet
from reporting.models import AccountabilityReport, IndicatorResult, ProgressReport, ReportingCycle


def with_details(queryset):
    """A report's results with their breakdowns and its deliverable updates."""
    return queryset.prefetch_related(
        Prefetch("results", IndicatorResult.objects.order_by("indicator_id").prefetch_related("breakdown")),
        "deliverable_updates",
    )


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("year", int, OpenApiParameter.PATH, description="The cycle's year.")]
    )
)
class ReportingCycleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The annual reporting cycles, by year."""

    queryset = ReportingCycle.objects.order_by("-year")
    serializer_class = ReportingCycleSerializer
    lookup_field = "year"
    csv_filename = "cycles"


class ProgressReportViewSet(
    ApiViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Progress reports on commitments, one per commitment per cycle.
    Makers with a token create drafts (POST), edit drafts and returned
    reports (PATCH) and submit them (POST …/submit/) while the cycle is
    open. Secretariat reviewers accept (POST …/accept/, with their own
    assessment) or return (POST …/return/) submitted reports."""

    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]
    csv_filename = "progress-reports"

    def get_serializer_class(self):
        return ProgressReportSerializer if self.action == "list" else ProgressReportDetailSerializer

    def get_queryset(self):
        visible = Q(status__in=ProgressReport.COUNTED, commitment__status__in=PUBLIC_STATUSES)
        own = member_maker_ids(self.request.user)
        if own is not None:
            visible |= Q(commitment__maker__in=own)
        queryset = ProgressReport.objects.filter(visible).select_related("cycle", "commitment")
        if getattr(self, "action", None) != "list":
            queryset = with_details(queryset)
        return queryset

    def perform_create(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    def perform_update(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.save().pk)

    @extend_schema(request=None, responses={200: ProgressReportDetailSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit a draft or returned progress report while its cycle is open."""
        report = services.report_submit(actor=request.user, report=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    def _decision(self, request):
        """The reviewer's decision, validated; the report among all of them
        (a reviewer may decide on a report nobody else can read yet)."""
        if not services.can_review_reports(request.user):
            raise PermissionDenied(_("Only secretariat reviewers can decide on submitted progress reports."))
        decision = ReportDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        key = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if not NUMERIC_ID.match(key):
            raise Http404
        report = get_object_or_404(ProgressReport.objects.all(), pk=int(key))
        return report, decision.validated_data

    def _decided(self, report):
        # A returned report is no longer public: read it among all of them.
        decided = with_details(ProgressReport.objects.select_related("cycle", "commitment")).get(pk=report.pk)
        return Response(ProgressReportDetailSerializer(decided, context=self.get_serializer_context()).data)

    @extend_schema(
        request=ReportDecisionSerializer,
        responses={200: ProgressReportDetailSerializer},
        description=(
            "Accept a submitted progress report (secretariat reviewers' tokens only), as the admin's Accept "
            "does, optionally with the secretariat's assessment (verified, partly_verified, not_verifiable) "
            "and its comment. Answers 409 when the report is not waiting for a decision."
        ),
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        report, decision = self._decision(request)
        report = services.report_accept(
            actor=request.user,
            report=report,
            comment=decision["comment"],
            assessment=decision["assessment"],
            assessment_comment=decision["assessment_comment"],
        )
        return self._decided(report)

    @extend_schema(
        request=ReportDecisionSerializer,
        responses={200: ProgressReportDetailSerializer},
        description=(
            "Return a submitted progress report to its maker with what to change (secretariat reviewers' "
            "tokens only); the comment is required. Answers 409 when the report is not waiting for a decision."
        ),
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, *args, **kwargs):
        report, decision = self._decision(request)
        if decision["assessment"] or decision["assessment_comment"]:
            raise ValidationError({"assessment": [_("An assessment is recorded only when a report is accepted.")]})
        report = services.report_return(actor=request.user, report=report, comment=decision["comment"])
        return self._decided(report)


class AccountabilityReportFilterSet(django_filters.FilterSet):
    cycle = extend_schema_field({"type": "integer", "description": "Reporting cycle year; repeat for any of several."})(
        django_filters.ModelMultipleChoiceFilter(
            label=_("Reporting cycle year (repeat for any of several)"),
            queryset=ReportingCycle.objects.all(),
            to_field_name="year",
            field_name="cycle__year",
        )
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Compile status (anonymous callers only see succeeded)"), choices=AccountabilityReport.Status.choices
    )

    class Meta:
        model = AccountabilityReport
        fields = []


class AccountabilityReportViewSet(ApiViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Compiled accountability reports with links to their files. Staff see
    every version and request a new one with POST {"cycle": <year>}: the
    answer is 202 with the queued row, compiled in the background."""

    serializer_class = AccountabilityReportSerializer
    filterset_class = AccountabilityReportFilterSet
    csv_filename = "accountability-reports"

    def get_queryset(self):
        queryset = (
            AccountabilityReport.objects.worldwide().select_related("cycle").order_by("-cycle__year", "-version", "-id")
        )
        if not (self.request.user and self.request.user.is_staff):
            queryset = queryset.filter(status=AccountabilityReport.Status.SUCCEEDED)
        return queryset

    @extend_schema(request=AccountabilityReportRequestSerializer, responses={202: AccountabilityReportSerializer})
    def create(self, request, *args, **kwargs):
        """Queue a new version of the accountability report for a cycle (staff)."""
        if not services.can_compile_reports(request.user):
            self.permission_denied(request, message=_("Only secretariat staff can compile accountability reports."))
        form = AccountabilityReportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = services.accountability_report_request(cycle=form.validated_data["cycle"], actor=request.user)
        return Response(self.get_serializer(report).data, status=status.HTTP_202_ACCEPTED)


class CountryReportFilterSet(AccountabilityReportFilterSet):
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country (ISO 3166-1 alpha-2 code; repeat for any of several)"),
        queryset=Country.objects.all(),
        distinct=False,
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("UN Women region (repeat for any of several)"), choices=Region.choices, distinct=False
    )

    class Meta(AccountabilityReportFilterSet.Meta):
        fields = []


class CountryReportViewSet(AccountabilityReportViewSet):
    """Accountability reports of one country or one UN Women region: the
    global report's figures over the approved commitments naming that country
    (or any of the region's countries), with links to their files. Filter by
    `country` or `region`. Staff see every version; those who may compile a
    country's report (staff, and that country's focal points) request a new
    one with POST {"cycle": <year>, "country": "KE"} (staff also {"cycle":
    <year>, "region": "africa"}): 202 with the queued row."""

    serializer_class = CountryReportSerializer
    filterset_class = CountryReportFilterSet
    csv_filename = "country-reports"

    def get_queryset(self):
        queryset = (
            AccountabilityReport.objects.exclude(country__isnull=True, region="")
            .select_related("cycle")
            .order_by("-cycle__year", "country_id", "region", "-version", "-id")
        )
        if not (self.request.user and self.request.user.is_staff):
            queryset = queryset.filter(status=AccountabilityReport.Status.SUCCEEDED)
        return queryset

    @extend_schema(request=CountryReportRequestSerializer, responses={202: CountryReportSerializer})
    def create(self, request, *args, **kwargs):
        """Queue a new version of a country's or region's report for a cycle."""
        form = CountryReportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        country, region = form.validated_data.get("country"), form.validated_data.get("region") or ""
        if not services.can_request_country_report(request.user, country.pk if country else region):
            self.permission_denied(
                request,
                message=_(
                    "Only secretariat staff and the country's focal points can compile its accountability report."
                ),
            )
        report = services.country_report_request(
            actor=request.user, cycle=form.validated_data["cycle"], country=country, region=region
        )
        return Response(self.get_serializer(report).data, status=status.HTTP_202_ACCEPTED)
