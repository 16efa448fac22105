"""Old addresses keep working after a rename: a slug a row once had redirects (301) to
the slug it has now.

The old slugs are not kept in a table of their own: every model keeps its full history
(django-simple-history), and the historical rows hold every slug a row has had.
"""

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse


def current_slug(model, slug: str) -> str | None:
    """The slug now held by the row that last had `slug` (None when no row ever had it,
    or the row is gone)."""
    former = (
        model.history.filter(slug=slug).order_by("-history_date", "-history_id").values_list("id", flat=True)
    )
    pk = former.first()
    if pk is None:
        return None
    return model._default_manager.filter(pk=pk).values_list("slug", flat=True).first()


def redirect_to_renamed(request, models: dict, kwargs: dict) -> HttpResponsePermanentRedirect | None:
    """A permanent redirect to the same view under the rows' current slugs, the query
    string kept; None when no slug asked for was renamed. `models` maps each slug
    argument of the view to its model."""
    asked = {name: kwargs[name] for name in models if name in kwargs}
    renamed = {name: current_slug(models[name], slug) for name, slug in asked.items()}
    renamed = {name: slug for name, slug in renamed.items() if slug and slug != asked[name]}
    if not renamed:
        return None
    address = reverse(request.resolver_match.view_name, kwargs={**kwargs, **renamed})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)


def follows_renames(**models):
    """A view taking slugs (`follows_renames(slug=Agreement)`) answers a slug no row has
    now, but one had before a rename, with a permanent redirect to the row's current one."""

    def decorate(view):
        @wraps(view)
        def serve(request, **kwargs):
            try:
                return view(request, **kwargs)
            except Http404:
                redirect = redirect_to_renamed(request, models, kwargs)
                if redirect is None:
                    raise
                return redirect

        return serve

    return decorate
