"""/api/: the partner REST API under v1/, its OpenAPI 3 schema and the
interactive docs (Swagger UI served from this site's static files)."""

from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.coalitions.views import (
    ActionAreaViewSet,
    ActionCoalitionViewSet,
    CountryViewSet,
    SubdivisionViewSet,
    ThemeViewSet,
)
from api.commitments.views import CommitmentMakerViewSet, CommitmentViewSet
from api.errors import page_not_found
from api.reporting.focal_points import FocalPointViewSet
from api.reporting.views import AccountabilityReportViewSet, ProgressReportViewSet, ReportingCycleViewSet


class ApiRouter(DefaultRouter):
    """The v1 router; its root lists the resources (and only in JSON)."""

    include_format_suffixes = False


router = ApiRouter()
router.register("coalitions", ActionCoalitionViewSet, basename="coalition")
router.register("action-areas", ActionAreaViewSet, basename="action-area")
router.register("themes", ThemeViewSet, basename="theme")
router.register("countries", CountryViewSet, basename="country")
router.register("subdivisions", SubdivisionViewSet, basename="subdivision")
router.register("makers", CommitmentMakerViewSet, basename="maker")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("focal-points", FocalPointViewSet, basename="focal-point")
router.register("cycles", ReportingCycleViewSet, basename="cycle")
router.register("accountability-reports", AccountabilityReportViewSet, basename="accountability-report")


app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script from ?script, not inline, for the
    # Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other path under /api/ is a JSON 404, in debug mode too, where
    # Django would otherwise answer with its HTML technical page.
    # Exempt from CSRF: it changes nothing, and a CSRF refusal would be HTML.
    re_path(r"^.*$", csrf_exempt(page_not_found)),
]
