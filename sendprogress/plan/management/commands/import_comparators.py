"""Import a comparator series from a DfE Explore education statistics data file."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from sendprogress.plan.comparators import dfe, services
from sendprogress.plan.models import Measure


class Command(BaseCommand):
    help = (
        "Read one indicator column of an Explore education statistics data file, as "
        "published, for the given places onto a measure's comparator series. A file with "
        "filter columns (such as breakdown) is read for one value of each: a Total or All "
        "value unless --filter says otherwise. Nothing is written unless every row is right."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--measure", required=True, help="The measure code")
        parser.add_argument("--indicator", required=True, help="The indicator column")
        parser.add_argument(
            "--geography",
            action="append",
            required=True,
            help="A GSS code (E92000001 for England) or an old three-digit local authority "
            "code; repeat for more",
        )
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="COLUMN=VALUE",
            help="The value of a filter column to import, e.g. breakdown=All EHC plans",
        )
        parser.add_argument("--local-area", default="", help="This local area's code")
        parser.add_argument("--source", required=True, help="The publication")
        parser.add_argument("--release", default="", help="Which release, e.g. June 2025")
        parser.add_argument(
            "--released-on", default="", help="The release's date, e.g. 2025-06-26"
        )
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
        released_on = None
        if options["released_on"]:
            try:
                released_on = date.fromisoformat(options["released_on"])
            except ValueError:
                raise CommandError(
                    "Give --released-on as year-month-day, e.g. 2025-06-26."
                ) from None
        try:
            with open(options["file"], "rb") as handle:
                preview = dfe.read_series(
                    File(handle, name=options["file"]),
                    measure=measure,
                    indicator=options["indicator"],
                    geographies=options["geography"],
                    local_area_code=options["local_area"],
                )
        except (OSError, dfe.ImportFileError) as error:
            raise CommandError(str(error)) from None
        choice = self._choice(preview, options["filter"])
        errors = preview.all_errors(choice)
        if errors:
            raise CommandError("Nothing was imported:\n" + "\n".join(errors))
        series = preview.chosen(choice)["series"]
        for column, value in zip(preview.filters, choice, strict=True):
            self.stdout.write(f"{column.name}: {value}")
        for item in series:
            shown = ", ".join(f"{v['period_label']}: {v['shown']}" for v in item["values"])
            self.stdout.write(f"{item['label']} ({item['code']}): {shown}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        count = services.import_comparator_series(
            measure=measure,
            series=series,
            source=options["source"],
            release=options["release"],
            released_on=released_on,
            file_name=preview.file_name,
            by=user,
        )
        self.stdout.write(self.style.SUCCESS(f"{count} values imported onto {measure.code}."))

    def _choice(self, preview, given: list[str]) -> tuple[str, ...]:
        picked = {}
        for item in given:
            column, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"Give --filter as COLUMN=VALUE, not {item!r}.")
            picked[column.strip().lower()] = value.strip()
        names = {f.name for f in preview.filters}
        unknown = sorted(set(picked) - names)
        if unknown:
            raise CommandError(
                f"The file has no filter column {', '.join(unknown)}. Its filter columns are: "
                f"{', '.join(sorted(names)) or 'none'}."
            )
        choice = []
        for column in preview.filters:
            value = picked.get(column.name, column.default)
            if value not in column.values:
                raise CommandError(
                    f"Choose a value of the filter column {column.name} with "
                    f'--filter "{column.name}=VALUE". Its values are: ' + "; ".join(column.values)
                )
            choice.append(value)
        return tuple(choice)
