"""The GOV.UK form renderer: each widget gets its GOV.UK class, and keeps its own."""

from django import forms


class _Form(forms.Form):
    name = forms.CharField(widget=forms.TextInput(attrs={"class": "app-header__search-input"}))
    count = forms.IntegerField()


def test_a_widgets_own_class_is_kept_beside_the_govuk_one():
    html = str(_Form()["name"])
    assert 'class="govuk-input app-header__search-input"' in html


def test_a_class_given_when_drawing_is_kept_too():
    html = _Form()["name"].as_widget(attrs={"class": "govuk-input--width-20"})
    assert 'class="govuk-input app-header__search-input govuk-input--width-20"' in html


def test_a_number_box_is_narrow_and_marked_in_error():
    form = _Form(data={"name": "x", "count": "lots"})
    assert 'class="govuk-input govuk-input--width-10 govuk-input--error"' in str(form["count"])
