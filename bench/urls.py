"""gentrack's URLs and, under /bench-plain/, the plain-DRF peer."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from bench.plain_drf import PlainCommitmentViewSet
from gentrack.urls import urlpatterns as gentrack_urlpatterns

router = DefaultRouter()
router.register("commitments", PlainCommitmentViewSet, basename="plain-commitment")

urlpatterns = [path("bench-plain/", include(router.urls)), *gentrack_urlpatterns]
