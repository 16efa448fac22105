from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/export.csv", views.agreement_export, name="agreement-export"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement-detail"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/export.csv", views.timeline_export, name="timeline-export"),
]
