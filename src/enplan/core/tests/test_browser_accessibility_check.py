"""The accessibility check itself must be able to fail, or a passing page proves nothing."""

import pytest

from enplan.core.tests.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_the_axe_check_fails_on_an_unlabelled_field_and_missing_language(page):
    page.set_content("<html><body><main><input type='text'></main></body></html>")
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "label" in str(failure.value)
    assert "html-has-lang" in str(failure.value)


def test_the_axe_check_passes_a_small_accessible_page(page):
    page.set_content(
        "<html lang='da'><head><title>Prøve</title></head><body><main><h1>Prøve</h1>"
        "<label for='x'>Navn</label><input id='x' type='text'></main></body></html>"
    )
    assert_accessible(page)
