"""Every address the site answers has hostile-input tests. A new page or form
fails this test until it is added to one of them (and to the list here)."""

from django.urls import URLPattern, URLResolver, get_resolver

# URL name -> the hostile test module that covers it.
COVERED = {
    # Public pages, their query strings and forms (test_public_forms).
    "plan:home": "public",
    "plan:finding_detail": "public",
    "plan:old_area_address": "public",
    "plan:plan_detail": "public",
    "staff:set_up": "staff",
    "plan:measure_list": "public",
    "plan:all_csv": "public",
    "plan:all_json": "public",
    "plan:measure_detail": "public",
    "plan:measure_csv": "public",
    "plan:measure_json": "public",
    "plan:comparators_csv": "public",
    "plan:journey": "public",
    "plan:documents": "public",
    "plan:evidence_download": "public",
    "updates:post_list": "public",
    "updates:feed_rss": "public",
    "updates:feed_atom": "public",
    "updates:finding_feed_rss": "public",
    "updates:finding_feed_atom": "public",
    "updates:old_area_feed_rss": "public",
    "updates:old_area_feed_atom": "public",
    "updates:post_preview": "public",
    "updates:post_detail": "public",
    "updates:post_image": "public",
    "email_updates:subscribe": "public",
    "email_updates:check_email": "public",
    "email_updates:confirm": "public",
    "email_updates:unsubscribe": "public",
    "email_updates:choices": "public",
    "sitemap": "public",
    "robots_txt": "public",
    "accessibility": "public",
    "glossary": "public",
    "privacy": "public",
    "cookies": "public",
    "embeds:measure": "public",
    "data_dictionary": "public",
    "reports:list": "public",
    "reports:detail": "public",
    "reports:pdf": "public",
    "changes:what_has_changed": "public",
    # The open data API and its query strings (test_api_queries).
    "api:index": "api",
    "api:openapi": "api",
    "api:local_area": "api",
    "api:inspections": "api",
    "api:findings": "api",
    "api:plans": "api",
    "api:measures": "api",
    "api:measure_detail": "api",
    "api:measure_figures": "api",
    "api:updates": "api",
    # Feedback, search and "You said, we did" (test_engagement_forms).
    "engagement:search": "engagement",
    "engagement:feedback": "engagement",
    "engagement:you_said_we_did": "engagement",
    "engagement:feed_rss": "engagement",
    "engagement:feed_atom": "engagement",
    "staff_feedback:list": "engagement",
    "staff_feedback:mark": "engagement",
    # Staff pages and forms (test_staff_forms).
    "staff:home": "staff",
    "staff:data_due": "staff",
    "staff:enter_figure": "staff",
    "staff:review_figure": "staff",
    "staff:correct_figure": "staff",
    "staff:comment_on_figure": "staff",
    "staff:confirm_approvals": "staff",
    "staff:notifications": "staff",
    "staff:posts": "staff",
    "staff:new_post": "staff",
    "staff:edit_post": "staff",
    "staff:preview_post": "staff",
    "staff:add_post_image": "staff",
    "staff:remove_post_image": "staff",
    "staff:import_figures": "staff",
    "staff:confirm_import": "staff",
    # The DfE comparator import (test_comparator_import).
    "staff:import_comparators": "comparators",
    "staff:confirm_comparators": "comparators",
    # Progress reports on the staff side (test_report_forms).
    "staff_reports:list": "reports",
    "staff_reports:detail": "reports",
    "staff_reports:publish": "reports",
    "staff_reports:withdraw": "reports",
    # Two-factor pages (test_two_factor_forms).
    "security:set_up": "two_factor",
    "security:verify": "two_factor",
    "security:recovery_codes": "two_factor",
}


def _names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # every admin form is walked in test_admin_forms
            inner = pattern.namespace or namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"{pattern.pattern} has no name"
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_outside_the_admin_has_hostile_input_tests():
    names = set(_names(get_resolver().url_patterns))
    assert names - COVERED.keys() == set(), "add hostile tests for these new addresses"
    assert COVERED.keys() - names == set(), "these addresses are gone: remove them here"
