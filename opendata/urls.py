from django.urls import path

from core.pages import cached_page
from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/releases/", views.release_list, name="release-list"),
    path("data/releases/latest/", views.latest_release, name="release-latest"),
    path("data/releases/<int:number>/", views.release_detail, name="release"),
    path("data/releases/<int:number>/SHA256SUMS", views.release_checksums, name="release-checksums"),
    path("data/releases/<int:number>/<str:name>", views.release_download, name="release-file"),
    # Kept under the data version like the pages: the corrections feed reads hundreds of
    # history rows and their previous versions, and nothing in it changes until the data does.
    path("feeds/agreements/", cached_page(feeds.NewAgreementsFeed()), name="feed-agreements"),
    path("feeds/milestones/", cached_page(feeds.NewMilestonesFeed()), name="feed-milestones"),
    path("feeds/corrections/", cached_page(feeds.CorrectionsFeed()), name="feed-corrections"),
]
