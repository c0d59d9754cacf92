def test_home_page_renders_in_a_real_browser(page, screenshot):
    page.goto("/")

    assert page.locator("h1").first.is_visible()
    assert "gentrack" in page.title()
    screenshot("home")
