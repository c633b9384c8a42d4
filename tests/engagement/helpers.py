"""Reading the feedback form out of a page, as a browser would send it."""

import re

FORM = re.compile(r'<form class="app-feedback__form".*?</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def feedback_fields(response) -> dict[str, str]:
    """The hidden fields of the page's feedback form (its page and start time)."""
    form = FORM.search(response.content.decode())
    assert form, "the page has no feedback form"
    return dict(HIDDEN.findall(form.group()))


def answer(client, path, *, useful="no", comment="", htmx=False, **extra):
    """Open `path` and send its feedback form."""
    data = {**feedback_fields(client.get(path)), "useful": useful, "comment": comment, **extra}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/feedback/", data, headers=headers)
