from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("sources/", views.source_list, name="source-list"),
    path("sources/export.csv", views.source_export, name="source-export"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("disputes/", views.dispute_list, name="dispute-list"),
]
