from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("search/", views.search, name="search"),
    path("data/", views.data, name="data"),
]
