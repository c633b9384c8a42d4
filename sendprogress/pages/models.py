from django.db import models


class GlossaryTermQuerySet(models.QuerySet):
    def short_forms(self) -> dict[str, str]:
        """{"EHCP": "Education, health and care plan", ...} for spelling out."""
        return dict(self.exclude(abbreviation="").values_list("abbreviation", "term"))

    def for_pages(self) -> tuple[dict[str, str], dict[str, str]]:
        """In one query: the short forms to spell out ({"EHCP": "Education, health
        and care plan"}) and the other words to link to their entry
        ({"Stocktake": "stocktake"}, term to slug)."""
        short_forms, words = {}, {}
        for abbreviation, term, slug in self.values_list("abbreviation", "term", "slug"):
            if abbreviation:
                short_forms[abbreviation] = term
            else:
                words[term] = slug
        return short_forms, words


class GlossaryTerm(models.Model):
    """A word or acronym the site uses, explained in plain English.

    Terms are data, not template text, so another local area can add the
    words its own families meet.
    """

    term = models.CharField(
        max_length=120, help_text="In full, e.g. Education, health and care plan"
    )
    abbreviation = models.CharField(
        max_length=20, blank=True, help_text="The short form, if there is one, e.g. EHCP"
    )
    slug = models.SlugField(unique=True, help_text="Used to link straight to the term")
    definition = models.TextField(help_text="What it means, in two or three short sentences")

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    @property
    def letter(self) -> str:
        return self.term[:1].upper()
