from django.urls import path

from provisions import views

app_name = "provisions"
urlpatterns = [
    path("provisions/", views.matrix, name="matrix"),
    path("provisions/export.csv", views.matrix_export, name="matrix-export"),
    path("provisions/compare/", views.compare, name="compare"),
    path("provisions/<slug:agreement>/<slug:provision>/", views.cell, name="cell"),
]
