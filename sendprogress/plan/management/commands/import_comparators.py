"""Import a comparator series from a DfE Explore education statistics CSV file."""

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from sendprogress.plan import comparator_services, dfe
from sendprogress.plan.models import Measure


class Command(BaseCommand):
    help = (
        "Read one indicator column of a DfE data file for the given geographies (GSS codes) "
        "onto a measure's comparator series. Nothing is written unless every row is right."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--measure", required=True, help="The measure code")
        parser.add_argument("--indicator", required=True, help="The indicator column")
        parser.add_argument(
            "--geography",
            action="append",
            required=True,
            help="A GSS code, e.g. E92000001 for England; repeat for more",
        )
        parser.add_argument("--source", required=True, help="The publication")
        parser.add_argument("--release", default="", help="Which release, e.g. June 2025")
        parser.add_argument("--as-user", required=True, help="The username it is done as")
        parser.add_argument("--dry-run", action="store_true", help="Check and show only")

    def handle(self, *args, **options):
        try:
            measure = Measure.objects.get(code=options["measure"])
        except Measure.DoesNotExist:
            code = options["measure"]
            raise CommandError(f"There is no measure with the code {code!r}.") from None
        user = get_user_model().objects.filter(username=options["as_user"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['as_user']!r}.")
        try:
            with open(options["file"], "rb") as handle:
                preview = dfe.read_series(
                    File(handle, name=options["file"]),
                    measure=measure,
                    indicator=options["indicator"],
                    geographies=options["geography"],
                )
        except (OSError, dfe.ImportFileError) as error:
            raise CommandError(str(error)) from None
        if preview.errors:
            raise CommandError("Nothing was imported:\n" + "\n".join(preview.errors))
        for series in preview.series:
            shown = ", ".join(f"{v.period_label}: {v.shown}" for v in series.values)
            self.stdout.write(f"{series.label} ({series.code}): {shown}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        count = comparator_services.import_comparator_series(
            measure=measure,
            series=[s.as_session() for s in preview.series],
            source=options["source"],
            release=options["release"],
            by=user,
        )
        self.stdout.write(self.style.SUCCESS(f"{count} values imported onto {measure.code}."))
