"""The public hostile-input tests again, on the made-up 2023-framework demo:
its findings, plans and filters take any input without a 500 or a change."""

import pytest

from . import test_public_forms as public

pytestmark = pytest.mark.usefixtures("demo_2023")

test_the_measures_filter_never_fails = public.test_the_measures_filter_never_fails
test_the_updates_list_never_fails = public.test_the_updates_list_never_fails
test_public_addresses_with_any_slug_or_number_never_fail = (
    public.test_public_addresses_with_any_slug_or_number_never_fail
)
test_every_public_page_takes_any_query_string = (
    public.test_every_public_page_takes_any_query_string
)
