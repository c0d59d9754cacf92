from django.urls import path

from public import coalitions as views
from public import indexes

urlpatterns = [
    path("", indexes.coalition_list, name="coalition-list"),
    path("<slug:slug>/", views.coalition_detail, name="coalition-detail"),
]
