"""/api/: the partner REST API under v1/, its OpenAPI 3 schema and the
interactive docs (Swagger UI served from this site's static files)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from coalitions.api.views import ActionAreaViewSet, ActionCoalitionViewSet, ThemeViewSet
from commitments.api.views import CommitmentMakerViewSet, CommitmentViewSet
from reporting.api.views import AccountabilityReportViewSet, ProgressReportViewSet, ReportingCycleViewSet


class ApiRouter(DefaultRouter):
    """The v1 router; its root lists the resources (and only in JSON)."""

    include_format_suffixes = False


router = ApiRouter()
router.register("coalitions", ActionCoalitionViewSet, basename="coalition")
router.register("action-areas", ActionAreaViewSet, basename="action-area")
router.register("themes", ThemeViewSet, basename="theme")
router.register("makers", CommitmentMakerViewSet, basename="maker")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("cycles", ReportingCycleViewSet, basename="cycle")
router.register("accountability-reports", AccountabilityReportViewSet, basename="accountability-report")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
