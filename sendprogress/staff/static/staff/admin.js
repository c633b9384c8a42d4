/*
 * Names for the admin's JavaScript widgets, which Django (6.1) draws without
 * one (WCAG 4.1.2, "Name, Role, Value"). Without JavaScript these widgets are
 * never drawn: the plain select boxes they replace have their labels already.
 *
 * - The "filter" boxes beside a many-to-many list (filter_horizontal) are
 *   labelled by an icon carrying aria-label, which ARIA forbids on an element
 *   without a role: the icon is given role="img", so the label keeps its name.
 * - An autocomplete (select2) box is named after the text it shows, which is
 *   nothing until a choice is made: it is named by its field's label as well,
 *   and so is the search box in its drop-down.
 *
 * Loaded with `defer`, after Django's widget scripts, so each handler below
 * runs after theirs: the filter boxes are drawn on "load", the autocompletes
 * when jQuery finds the page ready (which may come before or after "load").
 */
"use strict";
{
    function labelFor(input) {
        const label = input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
        if (!label) {
            return null;
        }
        if (!label.id) {
            label.id = `${input.id}_label`;
        }
        return label;
    }

    function nameFilterIcons(root) {
        root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
            icon.setAttribute("role", "img");
        });
    }

    function nameAutocompletes(root) {
        root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
            const label = labelFor(select);
            const container = select.nextElementSibling;
            if (!label || !container || !container.classList.contains("select2")) {
                return;
            }
            const rendered = container.querySelector(".select2-selection__rendered");
            const selection = container.querySelector(".select2-selection");
            if (rendered && rendered.id) {
                // The label, then what is chosen: "Measure: Plans issued in 20 weeks".
                rendered.setAttribute("aria-labelledby", label.id);
                selection.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
            } else if (selection) {
                // Several choices: select2 names the box by nothing at all.
                selection.setAttribute("aria-labelledby", label.id);
            }
            container.querySelectorAll(".select2-search__field").forEach((search) => {
                search.setAttribute("aria-labelledby", label.id);
            });
        });
    }

    window.addEventListener("load", () => nameFilterIcons(document));
    // A row added to an inline ("Add another") gets its widgets after the page loaded.
    document.addEventListener("formset:added", (event) => {
        nameFilterIcons(event.target);
        nameAutocompletes(event.target);
    });

    if (window.django && window.django.jQuery) {
        const $ = window.django.jQuery;
        $(() => nameAutocompletes(document));
        // The search box in an autocomplete's drop-down exists only while it is open.
        $(document).on("select2:open", (event) => {
            const label = labelFor(event.target);
            const search = document.querySelector(".select2-container--open .select2-search__field");
            if (label && search) {
                search.setAttribute("aria-labelledby", label.id);
            }
        });
    }
}
