from django.urls import path

from portal import coverage, views

app_name = "portal"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("data/dataset.zip", views.dataset_download, name="dataset-zip"),
    path("data/datapackage.json", views.datapackage_download, name="datapackage"),
    path("data/data_dictionary.csv", views.dictionary_download, name="data-dictionary"),
    path("data/<slug:name>.csv", views.table_download, name="table-csv"),
]
