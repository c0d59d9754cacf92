from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("commitments/<str:reference>/", views.commitment_detail, name="commitment-detail"),
]
