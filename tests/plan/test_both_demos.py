"""The public pages on each demo: Central Bedfordshire (2016) and Haverleigh (2023)."""

import csv
import io

import pytest

from sendprogress.plan.models import Figure, Finding, Measure, Plan

pytestmark = pytest.mark.usefixtures("no_page_cache")


def test_every_public_page_of_each_demo_answers(client, any_demo):
    urls = [
        "/",
        f"/findings/{any_demo['finding']}/",
        f"/plans/{any_demo['plan']}/",
        f"/measures/{any_demo['measure']}/",
        f"/measures/{any_demo['measure']}/figures.csv",
        "/measures/",
        "/journey/",
        "/documents/",
        "/measures/all-measures.json",
        "/sitemap.xml",
    ]
    urls += [f.get_absolute_url() for f in Finding.objects.all()]
    urls += [p.get_absolute_url() for p in Plan.objects.public()]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_old_area_addresses_move_for_good_to_the_finding(client, any_demo):
    response = client.get(f"/areas/{any_demo['finding']}/")
    assert response.status_code == 301
    assert response["Location"] == f"/findings/{any_demo['finding']}/"


def test_the_home_page_says_what_was_found_what_is_done_and_whether_it_works(client, any_demo):
    html = client.get("/").content.decode()
    assert "What inspectors found" in html
    assert "What we are doing, and who checks it" in html
    plan = Plan.objects.public().current()
    assert f'href="{plan.get_absolute_url()}"' in html
    assert "measures on track" in html


def test_unapproved_figures_are_never_shown(client, any_demo):
    hidden = list(Figure.objects.exclude(status=Figure.Status.APPROVED))
    assert hidden
    for figure in hidden:
        page = client.get(figure.measure.get_absolute_url()).content.decode()
        assert figure.period.strftime("%B %Y") not in page
    rows = csv.DictReader(
        io.StringIO(client.get("/measures/all-measures.csv").content.decode("utf-8-sig"))
    )
    published = {(row["measure_code"], row["period"]) for row in rows}
    assert published
    for figure in hidden:
        assert (figure.measure.code, figure.period.isoformat()) not in published


def test_each_measure_page_names_its_plan_and_findings(client, any_demo):
    measure = Measure.objects.get(code=any_demo["measure"])
    html = client.get(measure.get_absolute_url()).content.decode()
    assert f"A measure in the {measure.plan.title}" in html
    for finding in measure.findings.all():
        assert finding.get_absolute_url() in html


@pytest.mark.parametrize("url", ["/", "/journey/"])
def test_the_dfe_is_spelt_out_once_where_it_first_appears(client, any_demo, url):
    html = client.get(url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("Department for Education (DfE)") == 1
