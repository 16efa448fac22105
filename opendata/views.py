"""The data page with the current release and its citation, the releases and their files."""

import json
import mimetypes

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from opendata.models import Release
from opendata.releases import release_file
from portal.datapackage import DATA_LICENCE, DESCRIPTION, TITLE, suggested_citation
from portal.datasets import TABLES

# A release's files never change: caches may keep them for a year without asking again.
IMMUTABLE = "public, max-age=31536000, immutable"


def canonical(path: str) -> str:
    """The public address (SITE_URL), the one a release's own README cites, whatever host served the page."""
    return settings.SITE_URL + path


def citation_for(release: Release | None) -> str:
    if release is None:
        return suggested_citation(on=None, url=canonical(reverse("opendata:data")))
    url = canonical(reverse("opendata:release", args=[release.number]))
    return suggested_citation(on=release.cut_off.date(), url=url, release=release.number)


def dataset_json_ld(release: Release | None) -> str:
    """schema.org Dataset metadata for search engines and reference managers."""
    described = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": TITLE,
        "description": DESCRIPTION,
        "url": canonical(reverse("opendata:data")),
        "license": DATA_LICENCE["path"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "Agreement tracker", "url": settings.SITE_URL + "/"},
        "keywords": ["Ukraine", "security agreements", "military aid", "pledges"],
        "citation": citation_for(release),
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/zip",
                "contentUrl": canonical(
                    reverse("opendata:release-file", args=[release.number, release.archive_name])
                    if release
                    else reverse("portal:dataset-zip")
                ),
            }
        ],
    }
    if release is not None:
        described.update(version=str(release.number), dateModified=release.cut_off.isoformat())
    # json_script's escaping: a "</script>" inside a value cannot end the element.
    return json.dumps(described, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def data(request):
    release = Release.objects.defer("archive").latest_release()
    context = {
        "tables": TABLES,
        "release": release,
        "citation": citation_for(release),
        "licence": DATA_LICENCE,
        "json_ld": dataset_json_ld(release),
    }
    return render(request, "opendata/data.html", context)


def release_list(request):
    releases = Release.objects.defer("archive").order_by("-number")
    return render(request, "opendata/release_list.html", {"releases": releases})


def latest_release(request):
    release = Release.objects.defer("archive").latest_release()
    if release is None:
        raise Http404("No release yet.")
    return redirect("opendata:release", release.number)


def release_detail(request, number):
    release = get_object_or_404(Release.objects.defer("archive"), number=number)
    context = {"release": release, "citation": citation_for(release), "licence": DATA_LICENCE}
    return render(request, "opendata/release_detail.html", context)


def release_download(request, number, name):
    """The ZIP itself or one file out of it, the same bytes on every request."""
    release = get_object_or_404(Release, number=number)
    if name == release.archive_name:
        data, digest, kind = bytes(release.archive), release.archive_sha256, "application/zip"
    elif (entry := release.file(name)) is not None:
        data, digest = release_file(release, name), entry["sha256"]
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        kind += "; charset=utf-8" if kind.startswith(("text/", "application/json")) else ""
    else:
        raise Http404(f"Release {number} has no file named {name!r}.")
    response = HttpResponse(data, content_type=kind)
    response["ETag"] = f'"{digest}"'
    response["Cache-Control"] = IMMUTABLE
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def release_checksums(request, number):
    """SHA256SUMS, as `sha256sum -c` reads it: every file and the ZIP."""
    release = get_object_or_404(Release.objects.defer("archive"), number=number)
    lines = [f"{entry['sha256']}  {entry['name']}" for entry in release.files]
    lines.append(f"{release.archive_sha256}  {release.archive_name}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = IMMUTABLE
    return response
