from django.urls import path

from public import coalitions as views

urlpatterns = [
    path("<slug:slug>/", views.coalition_detail, name="coalition-detail"),
]
