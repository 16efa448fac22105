"""The article intake in the admin: paste or upload an article, read it as sentences,
open a prefilled fact form from one or several of them."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from intake.forms import ArticleForm
from intake.reading import suggest, text_of_html
from intake.sentences import annotated_sentences
from intake.services import article_errors, record_article
from intake.suggest import FACT_KINDS, add_form_url
from sources.models import Source, SourceText

# Who may use the intake: whoever may record a source and its text (the Editors group).
INTAKE_PERMISSIONS = ("sources.add_source", "sources.add_sourcetext", "sources.view_sourcetext")


def _allowed(request):
    if not request.user.has_perms(INTAKE_PERMISSIONS):
        raise PermissionDenied


def _article_text(form) -> tuple[str, str]:
    """The text to store, and the title an uploaded page gives."""
    if form.cleaned_data.get("upload"):
        name, content = form.cleaned_data["upload"]
        return text_of_html(content) if not name.lower().endswith(".txt") else (content, "")
    return form.cleaned_data["text"], ""


def article_intake(request):
    _allowed(request)
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, page_title = _article_text(form)
        data = form.cleaned_data
        if existing := form.existing_source():
            had_text = SourceText.objects.filter(source=existing).exists()
            record_article(url=existing.url, text=text)
            kept = " Its stored text is kept: quotes were checked against it." if had_text else ""
            messages.info(request, f"This address is already recorded: its source is reused.{kept}")
            return redirect("intake:sentences", existing.pk)
        if not (data["title"] and data["publisher"]):
            hints = suggest(data["url"], text, page_title)
            bound = request.POST.copy()
            bound["text"] = text
            for name in ("title", "publisher", "published_on", "published_precision", "language"):
                if not data.get(name) or name in ("published_precision", "language"):
                    value = getattr(hints, name)
                    bound[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
            form = ArticleForm(bound)
            form.is_valid()
            messages.info(request, "Suggested from the address and the text: check them, then save.")
        else:
            fields = {key: data[key] for key in ("title", "publisher", "kind", "published_on", "language")}
            fields["published_precision"] = data["published_precision"]
            try:
                source, _created = record_article(url=data["url"], text=text, **fields)
            except ValidationError as error:
                for message in article_errors(error):
                    form.add_error(None, message)
            else:
                messages.success(request, f"Recorded {source}. Pick the sentences that state facts.")
                return redirect("intake:sentences", source.pk)
    context = {**admin.site.each_context(request), "form": form, "title": "Article intake"}
    return render(request, "intake/article_form.html", context)


def article_sentences(request, source_id):
    _allowed(request)
    source = get_object_or_404(Source, pk=source_id)
    stored = SourceText.objects.filter(source=source).first()
    sentences = annotated_sentences(source, stored.text) if stored else []
    context = {
        **admin.site.each_context(request),
        "title": f"Sentences of {source}",
        "source": source,
        "stored": stored,
        "sentences": sentences,
        "fact_kinds": list(FACT_KINDS),
    }
    return render(request, "intake/sentences.html", context)


def suggested_fact(request, source_id):
    """A button of the sentence view: 'pledge:3:1' is a pledge from sentence 3's second
    sum, citing sentence 3 and any others ticked."""
    _allowed(request)
    source = get_object_or_404(Source, pk=source_id)
    stored = get_object_or_404(SourceText, source=source)
    sentences = annotated_sentences(source, stored.text)
    try:
        kind, index, money_index = (request.GET.get("make", "") + "::0").split(":")[:3]
        index, money_index = int(index), int(money_index or 0)
        ticked = {int(value) for value in request.GET.getlist("s")}
    except ValueError:
        return HttpResponseBadRequest("This button names no sentence: go back to the article.")
    if kind not in FACT_KINDS or not 0 <= index < len(sentences) or not ticked <= set(range(len(sentences))):
        return HttpResponseBadRequest("This button names no sentence: go back to the article.")
    chosen = [sentences[index], *[sentences[i] for i in sorted(ticked - {index})]]
    # The chosen sentence first (its values fill the form), the quote in the article's order.
    back = reverse("intake:sentences", args=[source.pk]) + f"#s{index}"
    return redirect(add_form_url(kind, chosen, sentences, source, money_index, back))
