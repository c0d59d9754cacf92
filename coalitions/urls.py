from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.coalition_detail, name="coalition-detail"),
]
