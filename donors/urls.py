from django.urls import path

from donors import views

app_name = "donors"
urlpatterns = [
    path("parties/", views.party_list, name="party-list"),
    path("parties/export.csv", views.party_export, name="party-export"),
    path("parties/<slug:slug>/", views.party_detail, name="party-detail"),
]
